import fc from 'fast-check';
import { ZixflowConfigError } from '../../../lib/errors/zixflow-config.error';
import { InMemoryPostbackDedupStore } from '../../../lib/postback/dedup/in-memory-dedup.store';
import { postbackDedupKey } from '../../../lib/postback/dedup/postback-dedup-key';
import type { PostbackDedupStore } from '../../../lib/postback/dedup/postback-dedup-store.interface';
import { parsePostbackPayload } from '../../../lib/postback/parsing/postback-payload.parser';
import { DOCS_EXAMPLE_BODY, postbackBody } from '../postback-body.fixture';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('InMemoryPostbackDedupStore', () => {
  it('implements PostbackDedupStore', () => {
    const store: PostbackDedupStore = new InMemoryPostbackDedupStore();
    expect(store).toBeDefined();
  });

  it('returns true the first time and false for a duplicate', async () => {
    const store = new InMemoryPostbackDedupStore();
    expect(await store.markIfNew('a', 1000)).toBe(true);
    expect(await store.markIfNew('a', 1000)).toBe(false);
    expect(await store.markIfNew('b', 1000)).toBe(true);
  });

  it('forgets a key after its TTL, measured from the first sighting', async () => {
    const c = clock();
    const store = new InMemoryPostbackDedupStore({ now: c.now });
    await store.markIfNew('a', 1000);
    c.advance(999);
    expect(await store.markIfNew('a', 1000)).toBe(false);
    c.advance(1);
    expect(await store.markIfNew('a', 1000)).toBe(true);
    expect(store.size).toBe(1);
  });

  it('evicts the least recently seen key beyond maxEntries', async () => {
    const store = new InMemoryPostbackDedupStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) await store.markIfNew(key, 60_000);
    expect(await store.markIfNew('a', 60_000)).toBe(false); // a is now the most recent
    await store.markIfNew('d', 60_000); // evicts b
    expect(store.size).toBe(3);
    expect(await store.markIfNew('b', 60_000)).toBe(true); // b was evicted; evicts c
    expect(await store.markIfNew('a', 60_000)).toBe(false);
    expect(await store.markIfNew('d', 60_000)).toBe(false);
    expect(await store.markIfNew('c', 60_000)).toBe(true);
  });

  it('drains expired keys as new ones arrive, without a timer', async () => {
    const c = clock();
    const store = new InMemoryPostbackDedupStore({ now: c.now });
    for (let i = 0; i < 100; i++) await store.markIfNew(`old-${i}`, 1000);
    c.advance(5000);
    for (let i = 0; i < 100; i++) await store.markIfNew(`new-${i}`, 1000);
    expect(store.size).toBeLessThanOrEqual(100);
  });

  it('forget lets a key be processed again', async () => {
    const store = new InMemoryPostbackDedupStore();
    await store.markIfNew('a', 1000);
    await store.forget('a');
    expect(await store.markIfNew('a', 1000)).toBe(true);
    expect(() => store.forget('never-seen')).not.toThrow();
  });

  it('stays bounded under a flood of distinct keys', async () => {
    const store = new InMemoryPostbackDedupStore({ maxEntries: 1000 });
    for (let i = 0; i < 50_000; i++) await store.markIfNew(`k${i}`, 60_000);
    expect(store.size).toBe(1000);
  });

  it('keeps every key exactly while it grows, then evicts the least recently seen', () => {
    const store = new InMemoryPostbackDedupStore({ maxEntries: 5000 });
    const key = (i: number): string => (i % 7 === 0 ? `long-${i}-${'x'.repeat(120)}` : `k-${i}`);
    for (let i = 0; i < 5000; i++) expect(store.markIfNew(key(i), 60_000)).toBe(true);
    expect(store.size).toBe(5000);
    // Re-seeing each key makes 0 the least recently seen again, in order.
    for (let i = 0; i < 5000; i++) expect(store.markIfNew(key(i), 60_000)).toBe(false);
    for (let i = 0; i < 5000; i += 2) store.forget(key(i));
    expect(store.size).toBe(2500);
    for (let i = 1; i < 5000; i += 2) expect(store.markIfNew(key(i), 60_000)).toBe(false);
    for (let i = 0; i < 5000; i += 2) expect(store.markIfNew(key(i), 60_000)).toBe(true);
    expect(store.markIfNew('one more', 60_000)).toBe(true); // evicts key(1), the least recently seen
    expect(store.size).toBe(5000);
    expect(store.markIfNew(key(1), 60_000)).toBe(true);
    expect(store.markIfNew(key(3), 60_000)).toBe(true);
    expect(store.markIfNew(key(4998), 60_000)).toBe(false);
  });

  it('clear forgets everything and the store works as new', () => {
    const store = new InMemoryPostbackDedupStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'x'.repeat(300)]) store.markIfNew(key, 60_000);
    store.clear();
    expect(store.size).toBe(0);
    for (const key of ['a', 'b', 'x'.repeat(300)]) expect(store.markIfNew(key, 60_000)).toBe(true);
    expect(store.markIfNew('b', 60_000)).toBe(false);
  });

  it('answers synchronously, so PostbackProcessor needs no promise per postback', () => {
    const store = new InMemoryPostbackDedupStore();
    expect(store.markIfNew('a', 1000)).toBe(true);
    expect(store.markIfNew('a', 1000)).toBe(false);
  });

  it('refuses bad options', () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN, Infinity]) {
      expect(() => new InMemoryPostbackDedupStore({ maxEntries })).toThrow(ZixflowConfigError);
    }
    const store = new InMemoryPostbackDedupStore();
    for (const ttl of [0, -1, Number.NaN]) {
      expect(() => store.markIfNew('a', ttl)).toThrow(ZixflowConfigError);
    }
  });
});

describe('postbackDedupKey', () => {
  const event = parsePostbackPayload(DOCS_EXAMPLE_BODY);

  it('is the same for a redelivery, whatever the message_id form or remark', () => {
    const again = parsePostbackPayload(
      postbackBody({ message_id: '"604132581490819100"', remark: '"retry"' }),
    );
    expect(postbackDedupKey(again)).toBe(postbackDedupKey(event));
  });

  it('differs when status or status_at differ', () => {
    const read = parsePostbackPayload(postbackBody({ status: '"read"' }));
    const later = parsePostbackPayload(postbackBody({ status_at: '"2026-01-28T17:17:59.254174912Z"' }));
    expect(new Set([event, read, later].map(postbackDedupKey)).size).toBe(3);
  });

  it('compares status case-insensitively and status_at as an instant, nanoseconds kept', () => {
    const key = (status: string, statusAt: string): string =>
      postbackDedupKey(
        parsePostbackPayload(
          postbackBody({ status: JSON.stringify(status), status_at: JSON.stringify(statusAt) }),
        ),
      );
    const base = key('delivered', '2026-01-28T17:17:59.254174911Z');
    for (const [status, statusAt] of [
      ['DELIVERED', '2026-01-28T17:17:59.254174911Z'],
      ['Delivered', '2026-01-28T17:17:59.254174911+00:00'],
      ['delivered', '2026-01-28t17:17:59.254174911z'],
      ['delivered', '2026-01-28T22:47:59.254174911+05:30'],
      ['delivered', '2026-01-28T17:17:59.2541749110000Z'],
      ['delivered', '2026-01-28T12:17:59.254174911-0500'],
    ]) {
      expect([status, statusAt, key(status, statusAt)]).toEqual([status, statusAt, base]);
    }
    // One nanosecond apart, or whole seconds written with and without a fraction.
    expect(key('delivered', '2026-01-28T17:17:59.254174912Z')).not.toBe(base);
    expect(key('delivered', '2026-01-28T17:17:59Z')).toBe(key('delivered', '2026-01-28T17:17:59.000+00:00'));
  });

  it('cannot be confused by separators inside the parts', () => {
    const a = postbackDedupKey({ requestId: 'r","x', status: 's', statusAt: 't' });
    const b = postbackDedupKey({ requestId: 'r', status: 'x","s', statusAt: 't' });
    expect(a).not.toBe(b);
    // Length prefixes: a digit-and-colon run inside a part cannot stand in for a prefix either.
    expect(postbackDedupKey({ requestId: '1:a', status: 'b', statusAt: '' })).not.toBe(
      postbackDedupKey({ requestId: '1', status: 'a1:b', statusAt: '' }),
    );
  });

  it('gives distinct triples distinct keys (property)', () => {
    const part = fc.string({ unit: fc.constantFrom('1', ':', 'a', '"', '\\', '0'), maxLength: 6 });
    fc.assert(
      fc.property(fc.tuple(part, part, part), fc.tuple(part, part, part), ([r1, s1, t1], [r2, s2, t2]) => {
        const same = r1 === r2 && s1 === s2 && t1 === t2;
        const k1 = postbackDedupKey({ requestId: r1, status: s1, statusAt: t1 });
        const k2 = postbackDedupKey({ requestId: r2, status: s2, statusAt: t2 });
        expect(k1 === k2).toBe(same);
      }),
      { numRuns: 5_000 },
    );
  });
});
