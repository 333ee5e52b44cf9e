/** delta-seconds; a sign or fraction is tolerated (negative means "now"). */
const DELTA_SECONDS = /^[+-]?\d+(?:\.\d+)?$/;
/** The three HTTP-date forms of RFC 9110 §5.6.7: IMF-fixdate, obsolete RFC 850, and asctime. */
const IMF_FIXDATE = /^[a-z]{3}, \d{2} [a-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/i;
const RFC850_DATE = /^[a-z]{6,9}, \d{2}-[a-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/i;
const ASCTIME_DATE = /^[a-z]{3} [a-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/i;

function parseHttpDate(value: string): number {
  if (IMF_FIXDATE.test(value) || RFC850_DATE.test(value)) return Date.parse(value);
  // asctime carries no zone but is defined as GMT; without the suffix Date.parse would read local time.
  if (ASCTIME_DATE.test(value)) return Date.parse(`${value} GMT`);
  return Number.NaN;
}

/**
 * Retry-After in ms, from delta-seconds or an HTTP-date. A negative delay or a date in the past gives 0;
 * anything else unreadable gives undefined ("no hint"). Date.parse alone is too lenient: it reads "abc 12" as 2001.
 */
export function parseRetryAfter(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (DELTA_SECONDS.test(value)) {
    const ms = Math.round(Number(value) * 1000);
    if (!Number.isSafeInteger(ms)) return undefined;
    return Math.max(0, ms);
  }
  const at = parseHttpDate(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
