import { IsNotEmpty, IsObject, IsOptional, IsString, ValidateIf } from 'class-validator';
import { SmsBaseDto } from './sms-base.dto';

/**
 * A send of a template managed in Zixflow's dashboard (`POST /api/ingest/sms/v1/template/send`).
 * Exactly one of `templateName` and `templateId`; `variables` maps the template's variable names to values.
 */
export class SendSmsTemplateDto extends SmsBaseDto {
  @ValidateIf((o: SendSmsTemplateDto) => o.templateId === undefined || o.templateName !== undefined)
  @IsString({ message: 'templateName or templateId is required (exactly one)' })
  @IsNotEmpty({ message: 'templateName must not be empty' })
  templateName?: string;

  @ValidateIf((o: SendSmsTemplateDto) => o.templateId !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'templateId must not be empty' })
  templateId?: string;

  @IsOptional()
  @IsObject({ message: 'variables must be an object of variable name -> string value' })
  variables?: Record<string, string>;
}
