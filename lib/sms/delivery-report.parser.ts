import { ZixflowApiError } from '../errors/zixflow-api.error';
import { parsePostbackTimestamp } from '../postback/parsing/postback-timestamp.parser';
import type { DeliveryReport } from './interfaces/delivery-report.interface';

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/**
 * Reads the `data` of a delivery-report response. Numbers arrive as their exact source text (the client
 * parses this endpoint losslessly), so `message_id` keeps every digit whether it is a string or a number.
 */
export function parseDeliveryReport(data: unknown, requestId: string): DeliveryReport {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ZixflowApiError('Zixflow returned a delivery report without data', 200, undefined);
  }
  const d = data as Record<string, unknown>;
  const statusAt = text(d.statusAt ?? d.status_at);
  return {
    requestId: text(d.request_id) || requestId,
    messageId: text(d.message_id),
    status: text(d.status),
    statusAt,
    statusDate: statusAt ? parsePostbackTimestamp(statusAt) : undefined,
    remark: text(d.remark),
    channel: text(d.channel),
    recipient: text(d.recipient),
    workspaceId: text(d.workspace_id),
  };
}
