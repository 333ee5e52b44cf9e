import fc from 'fast-check';
import { bullLimiter } from '../../../lib/queue/bull-options';

/**
 * How many jobs BullMQ's limiter can let through within a sliding `duration`: its windows open on their first job,
 * at least one window's length apart, and a job is taken while its window is open. The windows open in
 * (t - window, t + duration) for a slide starting at t, so at most ceil(duration / window) + 1 of them.
 */
function slidingMost(limit: { max: number; duration: number }, duration: number): number {
  return limit.max * (Math.ceil(duration / limit.duration) + 1);
}

describe('bullLimiter: the module limiter as BullMQ windows', () => {
  it('cuts 50 per second into ten windows of 5 per 100 ms: a backlog of 500 spans 9.9 s, a sliding second holds 55', () => {
    const limit = bullLimiter({ max: 50, duration: 1000 });
    expect(limit).toEqual({ max: 5, duration: 100 });
    expect((500 / limit.max - 1) * limit.duration).toBe(9_900);
    expect(slidingMost(limit, 1000)).toBe(55);
  });

  it('with spread: false gives BullMQ the limit as it is, where a sliding duration can hold twice max', () => {
    const limit = bullLimiter({ max: 50, duration: 1000, spread: false });
    expect(limit).toEqual({ max: 50, duration: 1000 });
    expect(slidingMost(limit, 1000)).toBe(100);
  });

  it('makes no window shorter than 100 ms and none with less than one job', () => {
    expect(bullLimiter({ max: 40, duration: 500 })).toEqual({ max: 8, duration: 100 });
    expect(bullLimiter({ max: 1000, duration: 150 })).toEqual({ max: 1000, duration: 150 });
    expect(bullLimiter({ max: 3, duration: 60_000 })).toEqual({ max: 1, duration: 20_000 });
    expect(bullLimiter({ max: 1, duration: 1000 })).toEqual({ max: 1, duration: 1000 });
  });

  it('is never faster than max per duration, slower by under 1%, and a sliding duration holds at most max plus two windows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 100_000_000 }),
        (max, duration) => {
          const limit = bullLimiter({ max, duration });
          // Rates compared as cross products of integers: limit.max / limit.duration <= max / duration.
          expect(limit.max * duration).toBeLessThanOrEqual(max * limit.duration);
          expect(max * limit.duration).toBeLessThan(1.01 * limit.max * duration);
          expect(limit.max).toBeGreaterThanOrEqual(1);
          const spread = limit.duration !== duration;
          expect(slidingMost(limit, duration)).toBeLessThanOrEqual(spread ? max + 2 * limit.max : 2 * max);
          if (spread && duration % limit.duration === 0) {
            expect(slidingMost(limit, duration)).toBeLessThanOrEqual(max + limit.max);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
