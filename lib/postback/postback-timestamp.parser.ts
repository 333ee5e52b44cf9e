import { matchTimestampPattern, matchZuluTimestamp } from './postback-timestamp.fields';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

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
  // The usual UTC form is read by index; offsets and anything unusual go through the full pattern.
  const f = matchZuluTimestamp(text) ?? matchTimestampPattern(text);
  if (f === undefined) return undefined;
  const { year, month, day, hour, minute } = f;
  // Leap seconds (60) are refused: Zixflow's timestamps come from a clock library that never emits them.
  const second = f.second;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (f.offsetHours > 23 || f.offsetMinutes > 59) return undefined;
  const offsetMinutes = f.offsetSign * (f.offsetHours * 60 + f.offsetMinutes);

  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, f.millisecond));
  // Date.UTC maps years 0-99 to 1900-1999.
  if (year < 100) date.setUTCFullYear(year);
  date.setTime(date.getTime() - offsetMinutes * 60_000);
  return date;
}
