/**
 * `status_at` as fixed-width UTC text, `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`: one spelling per instant (`...Z`,
 * `+00:00` and `+05:30` forms of it agree), and comparing two as strings compares the instants. Nine
 * fractional digits, as Zixflow sends; digits beyond a nanosecond are dropped.
 * `statusDate` is the parser's reading of `statusAt` (it refuses text that is not a timestamp).
 */
export function postbackInstant(statusAt: string, statusDate: Date): string {
  // The date part has no dot, so the first one starts the fraction; the Date kept only its milliseconds.
  const fraction = FRACTION.exec(statusAt)?.[1] ?? '';
  return `${statusDate.toISOString().slice(0, 19)}.${(fraction + NINE_ZEROS).slice(0, 9)}Z`;
}

const FRACTION = /\.(\d+)/;
const NINE_ZEROS = '000000000';

/**
 * The identity of one status change: the same (request_id, status, instant) arriving twice is a
 * redelivery, not news. request_id already names one send to one recipient on one channel, so channel
 * and message_id add nothing (and message_id's wire form varies). remark and post_back_data are left out
 * so a retry that reworded the remark still counts as the same change. status is compared case-insensitively.
 * The first two parts are length-prefixed, so the parts stay apart whatever characters they hold (no other
 * triple spells the same key).
 */
export function postbackDedupKey(requestId: string, status: string, instant: string): string {
  const lower = status.toLowerCase();
  return `${requestId.length}:${requestId}${lower.length}:${lower}${instant}`;
}
