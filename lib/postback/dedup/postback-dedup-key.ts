import type { ZixflowPostbackEvent } from '../interfaces/zixflow-postback-event.interface';

/**
 * The identity of one status change: the same (request_id, status, status_at) arriving twice is a
 * redelivery, not news. request_id already names one send to one recipient on one channel, so channel
 * and message_id add nothing (and message_id's wire form varies). remark and post_back_data are left out
 * so a retry that reworded the remark still counts as the same change. status and status_at are compared
 * exactly as sent. JSON array encoding keeps the parts apart whatever characters they hold.
 */
export function postbackDedupKey(
  event: Pick<ZixflowPostbackEvent, 'requestId' | 'status' | 'statusAt'>,
): string {
  return JSON.stringify([event.requestId, event.status, event.statusAt]);
}
