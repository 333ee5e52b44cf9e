import {
  IsBoolean,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
} from 'class-validator';
import { SmsRoute } from '../sms-route.enum';

/**
 * Fields every SMS send carries, whatever its body: who gets it, from whom, on which route, and where its
 * delivery postbacks go. `senderId` and `route` are optional here because module `defaults` may fill them;
 * SmsService rejects the send if neither the input nor the defaults give one.
 */
export abstract class SmsBaseDto {
  /** Country code + number, digits only, no `+` (E.164 without the plus), e.g. `919876543210`. */
  @IsString()
  @Matches(/^\d{8,15}$/, {
    message: 'recipient must be 8 to 15 digits: country code + number, no + or spaces',
  })
  recipient!: string;

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
