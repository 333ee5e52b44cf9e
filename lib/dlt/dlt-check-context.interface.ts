import type { SmsRoute } from '../sms/sms-route.enum';

/** What a send says about itself, for `DltTemplateRegistry.check`. */
export interface DltCheckContext {
  /** The `dlt_template_id` being sent. */
  dltTemplateId?: string;
  /** A registered template's key (`sendDlt`); wins over `dltTemplateId` for finding the template. */
  templateKey?: string;
  senderId?: string;
  route?: SmsRoute | `${SmsRoute}`;
}
