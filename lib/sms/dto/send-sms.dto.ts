import { IsBoolean, IsEnum, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { SmsRoute } from '../sms-route.enum';

/**
 * One SMS to one recipient. Usable as a request body with Nest's ValidationPipe too.
 * `senderId` and `route` are optional here because module `defaults` may fill them; SmsService
 * rejects the send if neither the input nor the defaults give one.
 */
export class SendSmsDto {
  /** Country code + number, digits only, no `+` (E.164 without the plus), e.g. `919876543210`. */
  @IsString()
  @Matches(/^\d{8,15}$/, { message: 'recipient must be 8 to 15 digits: country code + number, no + or spaces' })
  recipient!: string;

  @IsString()
  @IsNotEmpty({ message: 'message must not be empty' })
  message!: string;

  /** Registered, approved sender name (India: 6-character header). */
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
  @IsString()
  @Matches(/^\d+$/, { message: 'dltEntityId must be a digit string' })
  dltEntityId?: string;

  @IsOptional()
  @IsString()
  @Matches(/^\d+$/, { message: 'dltTemplateId must be a digit string' })
  dltTemplateId?: string;

  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'postBackUrl must be an http(s) URL' },
  )
  postBackUrl?: string;

  /** Echoed back unchanged in every postback for this message. */
  @IsOptional()
  @IsString()
  postBackData?: string;
}
