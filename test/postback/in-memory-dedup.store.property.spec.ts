import fc from 'fast-check';
import { InMemoryPostbackDedupStore } from '../../lib/postback/dedup/in-memory-dedup.store';

type Op =
  { kind: 'mark'; key: string; ttl: number } | { kind: 'forget'; key: string } | { kind: 'tick'; ms: number };

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('mark' as const),
    key: fc.constantFrom(...KEYS),
    ttl: fc.integer({ min: 1, max: 50 }),
  }),
  fc.record({ kind: fc.constant('forget' as const), key: fc.constantFrom(...KEYS) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 30 }) }),
);

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
  const store = new InMemoryPostbackDedupStore({ maxEntries, now: () => now });
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
});
