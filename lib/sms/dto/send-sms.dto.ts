import { IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';
import { SmsBaseDto } from './sms-base.dto';

/** One SMS to one recipient. Usable as a request body with Nest's ValidationPipe too. */
export class SendSmsDto extends SmsBaseDto {
  @IsString()
  @IsNotEmpty({ message: 'message must not be empty' })
  message!: string;

  @IsOptional()
  @IsString()
  @Matches(/^\d+$/, { message: 'dltEntityId must be a digit string' })
  dltEntityId?: string;

  @IsOptional()
  @IsString()
  @Matches(/^\d+$/, { message: 'dltTemplateId must be a digit string' })
  dltTemplateId?: string;
}
