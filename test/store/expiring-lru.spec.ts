import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ExpiringLru } from '../../lib/store/expiring-lru';
import { DedupOverLru } from './dedup-over-lru';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('ExpiringLru, as the in-memory store uses it for de-duplication', () => {
  it('returns true the first time and false for a duplicate', async () => {
    const store = new DedupOverLru();
    expect(await store.markIfNew('a', 1000)).toBe(true);
    expect(await store.markIfNew('a', 1000)).toBe(false);
    expect(await store.markIfNew('b', 1000)).toBe(true);
  });

  it('forgets a key after its TTL, measured from the first sighting', async () => {
    const c = clock();
    const store = new DedupOverLru({ now: c.now });
    await store.markIfNew('a', 1000);
    c.advance(999);
    expect(await store.markIfNew('a', 1000)).toBe(false);
    c.advance(1);
    expect(await store.markIfNew('a', 1000)).toBe(true);
    expect(store.size).toBe(1);
  });

  it('evicts the least recently seen key beyond maxEntries', async () => {
    const store = new DedupOverLru({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) await store.markIfNew(key, 60_000);
    expect(await store.markIfNew('a', 60_000)).toBe(false); // a is now the most recent
    await store.markIfNew('d', 60_000); // evicts b
    expect(store.size).toBe(3);
    expect(await store.markIfNew('b', 60_000)).toBe(true); // b was evicted; evicts c
    expect(await store.markIfNew('a', 60_000)).toBe(false);
    expect(await store.markIfNew('d', 60_000)).toBe(false);
    expect(await store.markIfNew('c', 60_000)).toBe(true);
  });

  it('reads expired keys as absent, and lets them go first when full, without a timer', async () => {
    const c = clock();
    const store = new DedupOverLru({ maxEntries: 150, now: c.now });
    for (let i = 0; i < 100; i++) await store.markIfNew(`old-${i}`, 1000);
    c.advance(5000);
    expect(await store.markIfNew('old-0', 1000)).toBe(true);
    for (let i = 0; i < 100; i++) await store.markIfNew(`new-${i}`, 1000);
    // Bounded by maxEntries whatever the TTLs; the expired ones were the oldest, so they went first.
    expect(store.size).toBe(150);
    for (let i = 0; i < 100; i++) expect(await store.markIfNew(`new-${i}`, 1000)).toBe(false);
  });

  it('forget lets a key be processed again', async () => {
    const store = new DedupOverLru();
    await store.markIfNew('a', 1000);
    await store.forget('a');
    expect(await store.markIfNew('a', 1000)).toBe(true);
    expect(() => store.forget('never-seen')).not.toThrow();
  });

  it('stays bounded under a flood of distinct keys', async () => {
    const store = new DedupOverLru({ maxEntries: 1000 });
    for (let i = 0; i < 50_000; i++) await store.markIfNew(`k${i}`, 60_000);
    expect(store.size).toBe(1000);
  });

  it('keeps every key exactly while it grows, then evicts the least recently seen', () => {
    const store = new DedupOverLru({ maxEntries: 5000 });
    const key = (i: number): string => (i % 7 === 0 ? `long-${i}-${'x'.repeat(120)}` : `k-${i}`);
    const indices = (from: number): number[] => Array.from({ length: 2500 }, (_, n) => from + 2 * n);
    const all = [...Array(5000).keys()];
    // The keys whose markIfNew answer was not `expected` (one expect per pass: 17 500 expect calls took seconds).
    const answeredOtherwise = (keys: number[], expected: boolean): number[] =>
      keys.filter((i) => store.markIfNew(key(i), 60_000) !== expected);
    expect(answeredOtherwise(all, true)).toEqual([]);
    expect(store.size).toBe(5000);
    // Re-seeing each key makes 0 the least recently seen again, in order.
    expect(answeredOtherwise(all, false)).toEqual([]);
    for (const i of indices(0)) store.forget(key(i));
    expect(store.size).toBe(2500);
    expect(answeredOtherwise(indices(1), false)).toEqual([]);
    expect(answeredOtherwise(indices(0), true)).toEqual([]);
    expect(store.markIfNew('one more', 60_000)).toBe(true); // evicts key(1), the least recently seen
    expect(store.size).toBe(5000);
    expect(store.markIfNew(key(1), 60_000)).toBe(true);
    expect(store.markIfNew(key(3), 60_000)).toBe(true);
    expect(store.markIfNew(key(4998), 60_000)).toBe(false);
  });

  it('clear forgets everything and the store works as new', () => {
    const store = new DedupOverLru({ maxEntries: 3 });
    for (const key of ['a', 'b', 'x'.repeat(300)]) store.markIfNew(key, 60_000);
    store.clear();
    expect(store.size).toBe(0);
    for (const key of ['a', 'b', 'x'.repeat(300)]) expect(store.markIfNew(key, 60_000)).toBe(true);
    expect(store.markIfNew('b', 60_000)).toBe(false);
  });
});

describe('ExpiringLru memory', () => {
  /** A full GC without `--expose-gc` on the command line (jest is started by `npx jest`). */
  function collectGarbage(): void {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  }

  it('does not grow while a table below maxEntries updates one key over and over', () => {
    // A Map iterator held between calls retained every table the Map outgrew: 45 MB for these updates.
    const lru = new ExpiringLru<number>(10_000, () => 0);
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 300_000; i++) lru.set('the-request', i, 60_000);
    collectGarbage();
    const grownMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    expect(lru.get('the-request')).toBe(299_999);
    expect(grownMb).toBeLessThan(8);
  });
});
