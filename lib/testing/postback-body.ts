/** Values of one delivery-status postback. */
export interface PostbackBodyFields {
  workspaceId: string;
  /** Digit string; written as a raw JSON integer. */
  messageId: string;
  requestId: string;
  channel: string;
  recipient: string;
  status: string;
  remark: string;
  statusAt: string;
  postBackData: string;
}

/**
 * Serializes a postback with exactly the documented fields, in the documented order. Built by hand because
 * `message_id` must be a raw integer literal above 2^53, which `JSON.stringify` of a number would round.
 */
export function buildPostbackBody(fields: PostbackBodyFields): string {
  if (!/^\d+$/.test(fields.messageId)) {
    throw new TypeError(`messageId must be a digit string, got ${JSON.stringify(fields.messageId)}`);
  }
  const str = (value: string): string => JSON.stringify(value);
  return (
    `{"workspace_id":${str(fields.workspaceId)},"type":"delivery_status","message_id":${fields.messageId},` +
    `"request_id":${str(fields.requestId)},"channel":${str(fields.channel)},"recipient":${str(fields.recipient)},` +
    `"status":${str(fields.status)},"remark":${str(fields.remark)},"status_at":${str(fields.statusAt)},` +
    `"post_back_data":${str(fields.postBackData)}}`
  );
}
