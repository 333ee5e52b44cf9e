/** One send request ZixflowTestingModule received (each attempt of a retried send is one). */
export interface ZixflowTestingSend {
  /** `message` for `send`/`sendDlt`, `template` for `sendTemplate`. */
  kind: 'message' | 'template';
  /** The send's `sendId` (as on its result or error), read from its signed postback URL; undefined with your own `postBackUrl`. */
  sendId: string | undefined;
  /** Normalized, as sent to Zixflow: country code and number, digits only. */
  recipient: string;
  /** The text (`message` sends). */
  message?: string;
  /** `sender_id`, the input's or the module's default. */
  senderId: string;
  /** `route`, the input's or the module's default. */
  route: string;
  /** `is_flash`, when sent. */
  isFlash?: boolean;
  /** `dlt_entity_id`, when sent. */
  dltEntityId?: string;
  /** `dlt_template_id`, when sent. */
  dltTemplateId?: string;
  /** `template_name` (`template` sends). */
  templateName?: string;
  /** `template_id` (`template` sends). */
  templateId?: string;
  /** `variables` (`template` sends). */
  variables?: Record<string, string>;
  /** The URL Zixflow would POST postbacks to (signed by the module unless it was your own). */
  postBackUrl?: string;
  /** `post_back_data`, echoed in postbacks. */
  postBackData?: string;
  /** How the send was answered. */
  outcome: 'accepted' | 'rejected' | 'unknown';
  /** The request id Zixflow gave it (accepted, or unknown: the SMS went out). */
  requestId?: string;
  /** The error code it was rejected with (`outcome: 'rejected'`). */
  errorCode?: 'AUTH' | 'RATE_LIMITED' | 'API_ERROR';
  /** The documented snake_case body exactly as the module sent it. */
  body: Readonly<Record<string, unknown>>;
  /** When the request reached the fake. */
  receivedAt: Date;
}
