import fc from 'fast-check';
import { InMemoryPostbackDedupStore } from '../../lib/postback/dedup/in-memory-dedup.store';

type Op =
  { kind: 'mark'; key: string; ttl: number } | { kind: 'forget'; key: string } | { kind: 'tick'; ms: number };

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];
/**
 * Keys that exercise the store's storage: lengths either side of the 96 characters kept inline, the
 * same text at different lengths, non-ASCII, the empty key, and enough of them that buckets collide.
 */
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

/** ttlMax well above the ticks keeps many keys alive at once, so probe runs grow long. */
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
/**
 * Three hash values for every key, one of them the last bucket: every lookup then probes long runs that
 * wrap around the table, and equal hashes leave only the exact key comparison to tell keys apart.
 */
class CollidingStore extends InMemoryPostbackDedupStore {
  protected override hash(key: string): number {
    return (key.length % 3) - 1;
  }
}

async function replay(
  maxEntries: number,
  ops: Op[],
  check: (storeSaidNew: boolean, referenceSaysNew: boolean) => void,
  Store: typeof InMemoryPostbackDedupStore = InMemoryPostbackDedupStore,
): Promise<void> {
  let now = 0;
  const store = new Store({ maxEntries, now: () => now });
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

describe('InMemoryPostbackDedupStore against a reference model', () => {
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

  it('agrees exactly with the reference for keys of every length and many colliding buckets', async () => {
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

  it.each([
    ['fills buckets as hashed', InMemoryPostbackDedupStore],
    ['has nearly every key in one bucket', CollidingStore],
  ])('agrees exactly with the reference when the store %s', async (_label, Store) => {
    await fc.assert(
      fc.asyncProperty(fc.array(opsOver(MANY_KEYS, 2000), { maxLength: 200 }), (ops) =>
        replay(MANY_KEYS.length, ops, (said, reference) => expect(said).toBe(reference), Store),
      ),
      { numRuns: 300 },
    );
  });

  it('finds every key after one is taken from the middle of a run that wraps around the table', () => {
    const store = new CollidingStore({ maxEntries: 40 });
    const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
    for (const key of keys) expect(store.markIfNew(key, 1000)).toBe(true);
    store.forget('k10');
    // The others first: re-adding k10 would refill the hole and hide a broken run.
    for (const key of keys.filter((k) => k !== 'k10')) expect(store.markIfNew(key, 1000)).toBe(false);
    expect(store.markIfNew('k10', 1000)).toBe(true);
  });

  it('leaves a key in its own bucket when the run before it wraps and loses a member', () => {
    // 'a' hashes to bucket 0; 'abc' and 'def' to the last bucket, so 'def' wraps past 'a' to bucket 1.
    const store = new CollidingStore({ maxEntries: 8 });
    for (const key of ['a', 'abc', 'def']) store.markIfNew(key, 1000);
    store.forget('abc');
    expect(store.markIfNew('a', 1000)).toBe(false);
    expect(store.markIfNew('def', 1000)).toBe(false);
  });
});
