import fc from 'fast-check';
import { DedupOverLru } from './dedup-over-lru';

type Op =
  { kind: 'mark'; key: string; ttl: number } | { kind: 'forget'; key: string } | { kind: 'tick'; ms: number };

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];
/** Keys of many lengths, non-ASCII and empty among them, enough to keep many entries alive at once. */
const MANY_KEYS = [
  ...Array.from({ length: 30 }, (_, i) => `k${i}`),
  '',
  'é',
  '\u{1F600}x',
  'x'.repeat(95),
  'x'.repeat(96),
  'x'.repeat(97),
  'x'.repeat(200),
  `${'x'.repeat(199)}y`,
];

/** ttlMax well above the ticks keeps many keys alive at once. */
function opsOver(keys: string[], ttlMax = 50): fc.Arbitrary<Op> {
  return fc.oneof(
    fc.record({
      kind: fc.constant('mark' as const),
      key: fc.constantFrom(...keys),
      ttl: fc.integer({ min: 1, max: ttlMax }),
    }),
    fc.record({ kind: fc.constant('forget' as const), key: fc.constantFrom(...keys) }),
    fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 30 }) }),
  );
}
const op = opsOver(KEYS);

/**
 * Replays `ops` against the store and an unbounded reference (key -> expiry of the sighting the store
 * last reported as new). Calls `check(storeSaidNew, referenceSaysNew)` for every mark.
 */
async function replay(
  maxEntries: number,
  ops: Op[],
  check: (storeSaidNew: boolean, referenceSaysNew: boolean) => void,
): Promise<void> {
  let now = 0;
  const store = new DedupOverLru({ maxEntries, now: () => now });
  const reference = new Map<string, number>();
  for (const o of ops) {
    if (o.kind === 'tick') {
      now += o.ms;
    } else if (o.kind === 'forget') {
      await store.forget(o.key);
      reference.delete(o.key);
    } else {
      const storeSaidNew = await store.markIfNew(o.key, o.ttl);
      check(storeSaidNew, !((reference.get(o.key) ?? -Infinity) > now));
      if (storeSaidNew) reference.set(o.key, now + o.ttl);
    }
    expect(store.size).toBeLessThanOrEqual(maxEntries);
  }
}

describe('DedupOverLru against a reference model', () => {
  it('never calls a postback a duplicate unless it was seen within its TTL (any capacity)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 80 }), (max, ops) =>
        replay(max, ops, (storeSaidNew, referenceSaysNew) => {
          // Eviction may forget early (a duplicate let through), never remember wrongly.
          if (!storeSaidNew) expect(referenceSaysNew).toBe(false);
        }),
      ),
      { numRuns: 500 },
    );
  });

  it('agrees exactly with the reference when capacity is not the limit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 80 }), (ops) =>
        replay(KEYS.length, ops, (storeSaidNew, referenceSaysNew) =>
          expect(storeSaidNew).toBe(referenceSaysNew),
        ),
      ),
      { numRuns: 500 },
    );
  });

  it('agrees exactly with the reference for keys of every length', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opsOver(MANY_KEYS), { maxLength: 200 }), (ops) =>
        replay(MANY_KEYS.length, ops, (storeSaidNew, referenceSaysNew) =>
          expect(storeSaidNew).toBe(referenceSaysNew),
        ),
      ),
      { numRuns: 500 },
    );
  });

  it('never remembers wrongly for keys of every length under capacity pressure', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.array(opsOver(MANY_KEYS), { maxLength: 200 }),
        (max, ops) =>
          replay(max, ops, (storeSaidNew, referenceSaysNew) => {
            if (!storeSaidNew) expect(referenceSaysNew).toBe(false);
          }),
      ),
      { numRuns: 500 },
    );
  });

  it('agrees exactly with the reference while many keys stay alive', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opsOver(MANY_KEYS, 2000), { maxLength: 200 }), (ops) =>
        replay(MANY_KEYS.length, ops, (said, reference) => expect(said).toBe(reference)),
      ),
      { numRuns: 300 },
    );
  });

  it('evicts exactly the least recently seen key, like a reference LRU (any capacity)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.array(opsOver(MANY_KEYS, 1_000_000), { maxLength: 200 }),
        (max, ops) => replayAgainstLru(max, ops),
      ),
      { numRuns: 300 },
    );
  });
});

/** No expiry within the run: the store must answer exactly as an LRU of `maxEntries` keys. */
async function replayAgainstLru(maxEntries: number, ops: Op[]): Promise<void> {
  let now = 0;
  const store = new DedupOverLru({ maxEntries, now: () => now });
  // Least recently seen first.
  let lru: string[] = [];
  for (const o of ops) {
    if (o.kind === 'tick') {
      now += o.ms;
    } else if (o.kind === 'forget') {
      await store.forget(o.key);
      lru = lru.filter((k) => k !== o.key);
    } else {
      const seen = lru.includes(o.key);
      expect(await store.markIfNew(o.key, 1_000_000)).toBe(!seen);
      lru = [...lru.filter((k) => k !== o.key), o.key];
      if (lru.length > maxEntries) lru.shift();
    }
  }
}
