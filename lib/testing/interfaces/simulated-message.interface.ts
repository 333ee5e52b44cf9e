/** Server-side state of a message the simulator accepted. The delivery report reads it. */
export interface SimulatedMessage {
  requestId: string;
  /** Zixflow's numeric message id, as a digit string (it does not fit a JS number). */
  messageId: string;
  /** Which endpoint accepted it. */
  endpoint: 'message' | 'template';
  recipient: string;
  channel: string;
  /** `queued` until the first status change of its postback scenario. */
  status: string;
  remark: string;
  /** ISO 8601 with nanoseconds, e.g. `2026-01-28T17:17:59.254174911Z`. */
  statusAt: string;
  postBackUrl?: string;
  /** `post_back_data` as sent, `''` when none. */
  postBackData: string;
  /** The accepted request body. */
  body: Readonly<Record<string, unknown>>;
}
