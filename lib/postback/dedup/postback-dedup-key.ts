import type { ZixflowPostbackEvent } from '../interfaces/zixflow-postback-event.interface';

/**
 * The identity of one status change: the same (request_id, status, status_at) arriving twice is a
 * redelivery, not news. request_id already names one send to one recipient on one channel, so channel
 * and message_id add nothing (and message_id's wire form varies). remark and post_back_data are left out
 * so a retry that reworded the remark still counts as the same change. status and status_at are compared
 * exactly as sent. The first two parts are length-prefixed, so the parts stay apart whatever characters
 * they hold (no other triple spells the same key), and building it scans nothing (it runs per postback).
 */
export function postbackDedupKey(
  event: Pick<ZixflowPostbackEvent, 'requestId' | 'status' | 'statusAt'>,
): string {
  const { requestId, status, statusAt } = event;
  return `${requestId.length}:${requestId}${status.length}:${status}${statusAt}`;
}

/**
 * The second key of a postback: recorded when its events are published, and kept when the handler fails
 * (only the dedup key is forgotten then), so Zixflow's retry runs the handler again without reaching the
 * listeners twice. A dedup key starts with a digit, so this prefix never collides with one.
 */
export function postbackEventsKey(dedupKey: string): string {
  return `events:${dedupKey}`;
}
