import {
  IsBoolean,
  IsEnum,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { SmsRoute } from '../sms-route.enum';

/**
 * A send of a template managed in Zixflow's dashboard (`POST /api/ingest/sms/v1/template/send`).
 * Exactly one of `templateName` and `templateId`; `variables` maps the template's variable names to values.
 */
export class SendSmsTemplateDto {
  @IsString()
  @Matches(/^\d{8,15}$/, { message: 'recipient must be 8 to 15 digits: country code + number, no + or spaces' })
  recipient!: string;

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

  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'senderId must not be empty' })
  @MaxLength(20)
  senderId?: string;

  @IsOptional()
  @IsEnum(SmsRoute, { message: `route must be one of ${Object.values(SmsRoute).join(', ')}` })
  route?: SmsRoute | `${SmsRoute}`;

  @IsOptional()
  @IsBoolean()
  isFlash?: boolean;

  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'postBackUrl must be an http(s) URL' },
  )
  postBackUrl?: string;

  @IsOptional()
  @IsString()
  postBackData?: string;
}
