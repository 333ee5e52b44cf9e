/** 400 Gregorian years: 146 097 days. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// RFC 3339 date-time: any number of fractional digits, `Z` or a numeric offset (colon optional).
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):?(\d{2}))$/;

/** The decimal number written in `text` from `start` to `end`, which hold only ASCII digits. */
function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/**
 * Parses `status_at` (e.g. `2026-01-28T17:17:59.254174911Z`) to a Date, keeping milliseconds and
 * truncating the rest. Done by hand because engines differ on more than 3 fractional digits, and because
 * `Date` silently rolls invalid dates over (Feb 30 becomes Mar 2). Returns undefined when invalid.
 */
export function parsePostbackTimestamp(text: string): Date | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  // The pattern checked the digits and anchors their places: read them there, without a substring each
  // (Number() of a fresh substring is a call into the engine's C++, seven of them per status_at).
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  // Leap seconds (60) are refused: Zixflow's timestamps come from a clock library that never emits them.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetHours = m[9] === undefined ? 0 : Number(m[9]);
  const offsetMinutes = m[10] === undefined ? 0 : Number(m[10]);
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const offset = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  // The first three fractional digits; sub-millisecond digits are dropped.
  const millisecond = m[7] === undefined ? 0 : Number((m[7] + '00').slice(0, 3));

  // Date.UTC reads years 0-99 as 1900-1999: ask for the same day four centuries on (146 097 days, so leap
  // days fall alike) and step back. One Date made, no setter called on it (each is a call into C++).
  const ms = Date.UTC(year + 400, month - 1, day, hour, minute, second, millisecond) - FOUR_CENTURIES_MS;
  return new Date(ms - offset * 60_000);
}
