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
  senderId: string;
  route: string;
  isFlash?: boolean;
  dltEntityId?: string;
  dltTemplateId?: string;
  templateName?: string;
  templateId?: string;
  variables?: Record<string, string>;
  /** The URL Zixflow would POST postbacks to (signed by the module unless it was your own). */
  postBackUrl?: string;
  postBackData?: string;
  /** How the send was answered. */
  outcome: 'accepted' | 'rejected' | 'unknown';
  /** The request id Zixflow gave it (accepted, or unknown: the SMS went out). */
  requestId?: string;
  /** The error code it was rejected with (`outcome: 'rejected'`). */
  errorCode?: 'AUTH' | 'RATE_LIMITED' | 'API_ERROR';
  /** The documented snake_case body exactly as the module sent it. */
  body: Readonly<Record<string, unknown>>;
  receivedAt: Date;
}
