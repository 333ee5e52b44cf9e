/**
 * `status_at` as fixed-width UTC text, `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`: one spelling per instant (`...Z`,
 * `+00:00` and `+05:30` forms of it agree), and comparing two as strings compares the instants. Nine
 * fractional digits, as Zixflow sends; digits beyond a nanosecond are dropped.
 * `statusDate` is the parser's reading of `statusAt` (it refuses text that is not a timestamp).
 * The date and time are the Date's `toISOString()` cut to whole seconds, but the engine spells only the
 * date, once per day (`utcDay`), and the time of day is counted from the Date's milliseconds: spelling the
 * whole Date per postback cost about 7,700 instructions (a call into the engine's C++ printf).
 */
export function postbackInstant(statusAt: string, statusDate: Date): string {
  // The date part has no dot, so the first one starts the fraction; the Date kept only its milliseconds.
  const fraction = fractionDigits(statusAt);
  const ms = statusDate.getTime();
  const day = Math.floor(ms / DAY_MS);
  const second = Math.floor((ms - day * DAY_MS) / 1000);
  const time = `${utcDay(day)}T${TWO_DIGITS[Math.floor(second / 3600)]}:${TWO_DIGITS[Math.floor(second / 60) % 60]}:${TWO_DIGITS[second % 60]}`;
  // Cut as toISOString's text was: a no-op but for the six-digit years beyond 0-9999 (offsets at either end).
  return `${time.slice(0, 19)}.${(fraction + NINE_ZEROS).slice(0, 9)}Z`;
}

const NINE_ZEROS = '000000000';
const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/** The digits after the first dot of `statusAt` (the fraction of a second), '' without one. */
function fractionDigits(statusAt: string): string {
  const dot = statusAt.indexOf('.');
  if (dot < 0) return '';
  let end = dot + 1;
  while (end < statusAt.length && isDigit(statusAt.charCodeAt(end))) end++;
  return statusAt.slice(dot + 1, end);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The last day spelled: postbacks come in time order, so nearly every one falls on the previous one's day. */
let lastDay = Number.NaN;
let lastDayText = '';

/** Day `day` since the epoch as toISOString spells its date (`YYYY-MM-DD`, signed six digits beyond 0-9999). */
function utcDay(day: number): string {
  if (day !== lastDay) {
    const iso = new Date(day * DAY_MS).toISOString();
    lastDayText = iso.slice(0, iso.indexOf('T'));
    lastDay = day;
  }
  return lastDayText;
}

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
