import type { SmsRoute } from '../sms/sms-route.enum';

/** A template registered on India's DLT platform, for the checks `ZixflowModuleOptions.dlt` runs before a send. */
export interface DltTemplate {
  /** Your own name for the template, used by `sendDlt` and `renderDltTemplate`. */
  key: string;
  /** DLT template id (digits). */
  templateId: string;
  /** The registered body, with `{#var#}` placeholders. */
  body: string;
  /** DLT principal entity id; falls back to `defaults.dltEntityId`. */
  entityId?: string;
  /** Headers this template is registered for. */
  senderIds?: string[];
  route?: SmsRoute | `${SmsRoute}`;
}

/** India DLT checks (`dlt` option): registered templates and the sender-id and time-window rules. */
export interface ZixflowDltOptions {
  templates?: DltTemplate[];
  /** Path of a JSON file holding an array of templates (merged with `templates`). */
  templatesFile?: string;
  /** Longest value one `{#var#}` may stand for. Default 30. */
  maxVariableLength?: number;
  /** Check 6-character headers on Indian recipients (promotional numeric, others alphabetic). Default false. */
  senderIdCheck?: boolean;
  /** Promotional sends to Indian numbers outside 09:00–21:00 IST: `off` (default), `reject` or `defer`. */
  promotionalWindow?: 'off' | 'reject' | 'defer';
}
