import type { SimulatedMessage } from './interfaces/simulated-message.interface';

/** What a delivery report says of a queued message: the simulator's and ZixflowTestingModule's state share it. */
export type ReportedMessage = Pick<
  SimulatedMessage,
  'channel' | 'messageId' | 'recipient' | 'requestId' | 'status' | 'statusAt' | 'remark'
>;

/** The 200 body of `GET /api/data/messages/v1/delivery-report`, built in one place so the simulator and the fake agree. */
export function deliveryReportAnswer(message: ReportedMessage, workspaceId: string): Record<string, unknown> {
  return {
    success: true,
    message: 'Delivery report fetched successfully',
    data: {
      channel: message.channel,
      message_id: message.messageId,
      recipient: message.recipient,
      request_id: message.requestId,
      status: message.status,
      statusAt: message.statusAt,
      remark: message.remark,
      workspace_id: workspaceId,
    },
  };
}
