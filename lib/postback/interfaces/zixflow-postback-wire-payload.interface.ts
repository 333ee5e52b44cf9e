/**
 * The postback body as Zixflow sends it (snake_case). For building test payloads: serialise `message_id`
 * with lossless-json's `stringify` and a LosslessNumber, since JSON.stringify cannot write 64-bit numbers.
 */
export interface ZixflowPostbackWirePayload {
  workspace_id: string;
  type: string;
  /** A JSON number on the wire (64-bit); a digit string is accepted too. */
  message_id: number | bigint | string;
  request_id: string;
  channel: string;
  recipient: string;
  status: string;
  remark?: string;
  status_at: string;
  post_back_data?: string;
}
