import type { ZixflowPostbackEvent } from '../interfaces/zixflow-postback-event.interface';
import { parsePostbackTimestamp } from '../parsing/postback-timestamp.parser';

/**
 * The identity of one status change: the same (request_id, status, status_at) arriving twice is a
 * redelivery, not news. request_id already names one send to one recipient on one channel, so channel
 * and message_id add nothing (and message_id's wire form varies). remark and post_back_data are left out
 * so a retry that reworded the remark still counts as the same change. status is compared case-insensitively
 * and status_at as an instant with all its fractional digits (`...Z` and `+00:00` are one key); the event
 * keeps the text as sent. The first two parts are length-prefixed, so the parts stay apart whatever
 * characters they hold (no other triple spells the same key).
 */
export function postbackDedupKey(
  event: Pick<ZixflowPostbackEvent, 'requestId' | 'status' | 'statusAt'> &
    Partial<Pick<ZixflowPostbackEvent, 'statusDate'>>,
): string {
  const { requestId } = event;
  const status = event.status.toLowerCase();
  return `${requestId.length}:${requestId}${status.length}:${status}${postbackInstant(event.statusAt, event.statusDate)}`;
}

/**
 * `statusAt` as one spelling per instant: UTC, `T` and `Z`, the fraction without trailing zeros (none when
 * zero), e.g. `2026-01-28T17:17:59.254174911Z`. Text that is not a timestamp is returned as it is.
 */
function postbackInstant(statusAt: string, statusDate: Date | undefined): string {
  const date = statusDate ?? parsePostbackTimestamp(statusAt);
  if (date === undefined) return statusAt;
  // The date part has no dot, so the first one starts the fraction; the Date kept only its milliseconds.
  const fraction = FRACTION.exec(statusAt)?.[1].replace(TRAILING_ZEROS, '') ?? '';
  const iso = date.toISOString();
  return `${iso.slice(0, iso.length - '.000Z'.length)}${fraction === '' ? '' : `.${fraction}`}Z`;
}

const FRACTION = /\.(\d+)/;
const TRAILING_ZEROS = /0+$/;

/**
 * The second key of a postback: recorded when its events are published, and kept when the handler fails
 * (only the dedup key is forgotten then), so Zixflow's retry runs the handler again without reaching the
 * listeners twice. A dedup key starts with a digit, so this prefix never collides with one.
 */
export function postbackEventsKey(dedupKey: string): string {
  return `events:${dedupKey}`;
}
