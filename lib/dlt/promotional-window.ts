import { ZixflowValidationError } from '../errors';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** India keeps UTC+05:30 all year (no daylight saving), so a fixed offset is exact. */
const IST_OFFSET = 5 * HOUR + 30 * MINUTE;
const OPENS = 9 * HOUR;
const CLOSES = 21 * HOUR;

export interface PromotionalWindowStatus {
  /** Promotional SMS may go to Indian numbers now: 09:00:00 ≤ IST time < 21:00:00. */
  open: boolean;
  /** The next 09:00 IST after now: today's before 09:00, tomorrow's from 09:00 on (so also while open). */
  opensAt: Date;
  /** The next 21:00 IST at or after now. */
  closesAt: Date;
}

/** Whether `now` falls in India's promotional window (09:00–21:00 IST) and when it next opens and closes. */
export function promotionalWindowStatus(now: Date = new Date()): PromotionalWindowStatus {
  const time = now.getTime();
  if (Number.isNaN(time))
    throw new ZixflowValidationError([{ field: 'now', reasons: ['is not a valid date'] }]);
  const ist = time + IST_OFFSET;
  const sinceMidnight = ((ist % DAY) + DAY) % DAY;
  const midnight = ist - sinceMidnight - IST_OFFSET; // today's 00:00 IST, as a UTC timestamp
  const open = sinceMidnight >= OPENS && sinceMidnight < CLOSES;
  const opensAt = midnight + OPENS + (sinceMidnight < OPENS ? 0 : DAY);
  const closesAt = midnight + CLOSES + (sinceMidnight < CLOSES ? 0 : DAY);
  return { open, opensAt: new Date(opensAt), closesAt: new Date(closesAt) };
}
