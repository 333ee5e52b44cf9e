/** The parts of an RFC 3339 date-time, as written (not yet range-checked). */
export interface TimestampFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** The first three fractional digits, zero-padded; sub-millisecond digits are dropped. */
  millisecond: number;
  /** The UTC offset as written: `+`/`-` hours and minutes, `+00:00` for `Z`. */
  offsetSign: 1 | -1;
  offsetHours: number;
  offsetMinutes: number;
}

// RFC 3339 date-time: any number of fractional digits, `Z` or a numeric offset (colon optional).
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):?(\d{2}))$/;

/** Any RFC 3339 date-time the pattern accepts, or undefined. */
export function matchTimestampPattern(text: string): TimestampFields | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
    millisecond: m[7] === undefined ? 0 : Number((m[7] + '00').slice(0, 3)),
    offsetSign: m[8] === '-' ? -1 : 1,
    offsetHours: m[9] === undefined ? 0 : Number(m[9]),
    offsetMinutes: m[10] === undefined ? 0 : Number(m[10]),
  };
}

const DIGIT_0 = 0x30;
const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;
const UPPER_T = 0x54;
const LOWER_T = 0x74;
const UPPER_Z = 0x5a;
const LOWER_Z = 0x7a;

/**
 * The form Zixflow sends (`2026-01-28T17:17:59.254174911Z`: UTC, optional fraction), read by index
 * without a regex match; undefined for anything else, including forms the pattern would accept (offsets),
 * so callers fall back to matchTimestampPattern. Where it answers, it answers exactly as the pattern does.
 */
export function matchZuluTimestamp(text: string): TimestampFields | undefined {
  const length = text.length;
  if (length < 20) return undefined;
  const last = text.charCodeAt(length - 1);
  if (last !== UPPER_Z && last !== LOWER_Z) return undefined;
  const t = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    (t !== UPPER_T && t !== LOWER_T) ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return undefined;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let millisecond = 0;
  if (length > 20) {
    // `.` and at least one digit before the final `Z`.
    if (text.charCodeAt(19) !== DOT || length < 22) return undefined;
    const fraction = length - 21;
    if (!allDigits(text, 20, fraction)) return undefined;
    millisecond =
      digit(text, 20) * 100 +
      (fraction > 1 ? digit(text, 21) * 10 : 0) +
      (fraction > 2 ? digit(text, 22) : 0);
  }
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    offsetSign: 1,
    offsetHours: 0,
    offsetMinutes: 0,
  };
}

function digit(text: string, at: number): number {
  return text.charCodeAt(at) - DIGIT_0;
}

/** The decimal value of `count` (at most 4) digits at `from`, or -1 when one is not a digit. */
function digits(text: string, from: number, count: number): number {
  if (count > 4) return -1;
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function allDigits(text: string, from: number, count: number): boolean {
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return false;
  }
  return true;
}
