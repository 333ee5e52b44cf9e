/** `GET /api/data/messages/v1/delivery-report`: the latest status Zixflow has for one request. */
export interface DeliveryReport {
  requestId: string;
  /** Every digit exact (parsed losslessly even if Zixflow sends a JSON number). */
  messageId: string;
  status: string;
  /** As sent by Zixflow (camelCase `statusAt` on this endpoint). */
  statusAt: string;
  /** `statusAt` as a Date (ms precision); undefined if Zixflow sent no parsable time. */
  statusDate: Date | undefined;
  remark: string;
  channel: string;
  recipient: string;
  workspaceId: string;
}
