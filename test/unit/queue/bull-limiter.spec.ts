import fc from 'fast-check';
import { bullLimiter } from '../../../lib/queue/bull-options';

/**
 * How many jobs BullMQ's limiter can let through within a sliding `duration` [t, t + duration): its windows open
 * on their first job, at least one window's length apart, and take their jobs while open. So at most
 * ceil(duration / window) windows open within it, and the one open when it began has at most max - 1 jobs left.
 */
function slidingMost(windows: { max: number; duration: number }, duration: number): number {
  return windows.max * Math.ceil(duration / windows.duration) + windows.max - 1;
}

describe('bullLimiter: the module limiter as BullMQ windows', () => {
  it('cuts 50 per second into ten windows of 5 per 100 ms: a backlog of 500 spans 9.9 s, a sliding second holds 54', () => {
    const windows = bullLimiter({ max: 50, duration: 1000 });
    expect(windows).toEqual({ max: 5, duration: 100 });
    expect((500 / windows.max - 1) * windows.duration).toBe(9_900);
    expect(slidingMost(windows, 1000)).toBe(54);
  });

  it('with spread: false gives BullMQ the limit as it is, where a sliding duration can hold twice max, less one', () => {
    const windows = bullLimiter({ max: 50, duration: 1000, spread: false });
    expect(windows).toEqual({ max: 50, duration: 1000 });
    expect(slidingMost(windows, 1000)).toBe(99);
  });

  it('takes the most windows, up to ten and none under 100 ms, that share max evenly; else none', () => {
    expect(bullLimiter({ max: 15, duration: 1000 })).toEqual({ max: 3, duration: 200 });
    expect(bullLimiter({ max: 7, duration: 1000 })).toEqual({ max: 1, duration: 143 });
    expect(bullLimiter({ max: 40, duration: 500 })).toEqual({ max: 8, duration: 100 });
    expect(bullLimiter({ max: 3, duration: 60_000 })).toEqual({ max: 1, duration: 20_000 });
    expect(bullLimiter({ max: 1000, duration: 150 })).toEqual({ max: 1000, duration: 150 });
    expect(bullLimiter({ max: 47, duration: 1000 })).toEqual({ max: 47, duration: 1000 });
    expect(bullLimiter({ max: 1, duration: 1000 })).toEqual({ max: 1, duration: 1000 });
  });

  it('is never faster than max per duration, slower by under 1%, and a sliding duration holds max plus a window less one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 100_000_000 }),
        (max, duration) => {
          const windows = bullLimiter({ max, duration });
          expect(Number.isSafeInteger(windows.max) && windows.max >= 1).toBe(true);
          expect(Number.isSafeInteger(windows.duration) && windows.duration >= 1).toBe(true);
          // Rates compared as cross products: windows.max / windows.duration against max / duration.
          expect(windows.max * duration).toBeLessThanOrEqual(max * windows.duration);
          expect(max * windows.duration).toBeLessThan(1.01 * windows.max * duration);
          expect(slidingMost(windows, duration)).toBeLessThanOrEqual(max + windows.max - 1);
          if (windows.max !== max) expect(windows.duration).toBeGreaterThanOrEqual(100);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
