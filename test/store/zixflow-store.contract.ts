import fc from 'fast-check';
import { isFinalStatus, isNewerStatus } from '../../lib/store/status-order';
import type { ZixflowStoreTtlOptions } from '../../lib/store/zixflow-store-ttl-options.interface';
import type {
  ZixflowStatusRecord,
  ZixflowStatusUpdate,
  ZixflowStore,
} from '../../lib/store/zixflow-store.interface';

/** One implementation under the contract, for one test at a time. */
export interface ZixflowStoreContractSubject {
  /**
   * Opens a store for the current test. Every store a test opens shares the state of its first one, as
   * replicas do (a store kept in one process may return that same instance); the TTLs of the first open win.
   */
  open(ttls?: ZixflowStoreTtlOptions): Promise<ZixflowStore>;
  /** Ends the test: closes what it opened and removes what it wrote. */
  cleanup(): Promise<void>;
}

const T1 = '2026-03-01T10:00:01.000000000Z';
const T2 = '2026-03-01T10:00:02.000000000Z';
const T3 = '2026-03-01T10:00:03.000000000Z';

let serial = 0;

/** A status change of `requestId`; `final` follows the status, as the postback processor sets it. */
export function statusRecord(
  requestId: string,
  status: string,
  instant: string,
  extra: Partial<ZixflowStatusRecord> = {},
): ZixflowStatusRecord {
  return {
    requestId,
    status,
    statusAt: instant,
    instant,
    final: isFinalStatus(status),
    messageId: String(1_000_000 + ++serial),
    remark: '',
    ...extra,
  };
}

/** The claim key the postback processor would make: one per (request, status, instant). */
function keyOf(record: ZixflowStatusRecord): string {
  return `${record.requestId}|${record.status}|${record.instant}`;
}

/** Collects updates and lets a test wait for the nth one, however they are delivered (sync or pub/sub). */
class UpdateLog {
  readonly updates: ZixflowStatusUpdate[] = [];
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  readonly listener = (update: ZixflowStatusUpdate): void => {
    this.updates.push(update);
    this.waiters = this.waiters.filter((w) => (this.updates.length >= w.count ? (w.resolve(), false) : true));
  };

  /** Resolves once `count` updates have arrived in all. */
  async until(count: number): Promise<ZixflowStatusUpdate[]> {
    if (this.updates.length < count) {
      await new Promise<void>((resolve) => this.waiters.push({ count, resolve }));
    }
    return this.updates;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The ZixflowStore contract: every sentence of the interface's TSDoc, as tests any implementation must
 * pass. Call it inside a `describe`, with a factory giving a fresh subject per test.
 */
export function defineZixflowStoreContract(makeSubject: () => ZixflowStoreContractSubject): void {
  let subject: ZixflowStoreContractSubject;
  let unique = 0;
  /** A request id of this test's own. */
  const req = (label = 'req'): string => `${label}-${process.pid}-${++unique}-${Date.now()}`;

  beforeEach(() => {
    subject = makeSubject();
  });
  afterEach(async () => {
    await subject.cleanup();
  });

  const claim = async (store: ZixflowStore, record: ZixflowStatusRecord, key = keyOf(record)) =>
    store.claimPostback({ key, record });

  describe('claimPostback', () => {
    it('holds a new key, records the status and answers a first delivery', async () => {
      const store = await subject.open();
      const record = statusRecord(req(), 'sent', T1);
      expect(await claim(store, record)).toEqual({
        duplicate: false,
        firstDelivery: true,
        stale: false,
        settledPending: false,
      });
      expect(await store.getStatus(record.requestId)).toEqual(record);
    });

    it('answers a held key as a duplicate and changes nothing, on this replica or another', async () => {
      const store = await subject.open();
      const replica = await subject.open();
      const first = statusRecord(req(), 'sent', T1);
      await claim(store, first);
      // The same key with a record that would otherwise be news: still a duplicate, nothing recorded.
      const news = statusRecord(first.requestId, 'delivered', T2, { sendId: `send-${req()}` });
      expect(await claim(store, news, keyOf(first))).toEqual({ duplicate: true });
      expect(await claim(replica, news, keyOf(first))).toEqual({ duplicate: true });
      expect(await store.getStatus(first.requestId)).toEqual(first);
      expect(await replica.getSettled(news.sendId as string)).toBeUndefined();
    });

    it('does not settle a pending send through a duplicate', async () => {
      const store = await subject.open();
      const sendId = `send-${req()}`;
      const first = statusRecord(req(), 'sent', T1);
      await claim(store, first);
      await store.markPending(sendId);
      expect(await claim(store, { ...first, sendId }, keyOf(first))).toEqual({ duplicate: true });
      // Still pending: the next postback naming it settles it.
      const next = statusRecord(first.requestId, 'delivered', T2, { sendId });
      expect(await claim(store, next)).toMatchObject({ duplicate: false, settledPending: true });
    });

    it('keeps a record exactly as given, case included, and returns it from every replica', async () => {
      const store = await subject.open();
      const replica = await subject.open();
      const record = statusRecord(req(), 'DELIVERED', T1, {
        statusAt: '2026-03-01 10:00:01',
        remark: 'Handset "off" / retried ✓',
        sendId: `send-${req()}`,
      });
      await claim(store, record);
      expect(await replica.getStatus(record.requestId)).toEqual(record);
    });

    it('answers undefined for a request or a send it never heard of', async () => {
      const store = await subject.open();
      expect(await store.getStatus(req())).toBeUndefined();
      expect(await store.getSettled(req())).toBeUndefined();
    });
  });

  describe('releasePostback', () => {
    it("'handler': the retry holds the key again as a repeat delivery, with the stale verdict of the first", async () => {
      const store = await subject.open();
      const requestId = req();
      await claim(store, statusRecord(requestId, 'delivered', T2));
      const late = statusRecord(requestId, 'sent', T1);
      expect(await claim(store, late)).toMatchObject({ firstDelivery: true, stale: true });
      await store.releasePostback(keyOf(late), 'handler');
      expect(await claim(store, late)).toEqual({
        duplicate: false,
        firstDelivery: false,
        stale: true,
        settledPending: false,
      });
      // Held again.
      expect(await claim(store, late)).toEqual({ duplicate: true });

      const news = statusRecord(req(), 'sent', T1);
      await claim(store, news);
      await store.releasePostback(keyOf(news), 'handler');
      expect(await claim(store, news)).toMatchObject({ firstDelivery: false, stale: false });
    });

    it("'handler': the repeat delivery changes nothing else and reaches no listener", async () => {
      const store = await subject.open();
      const replica = await subject.open();
      const log = new UpdateLog();
      await store.subscribe(log.listener);
      const sendId = `send-${req()}`;
      const record = statusRecord(req(), 'sent', T1);
      await claim(replica, record);
      await replica.releasePostback(keyOf(record), 'handler');
      // Meanwhile a newer status arrived; the repeat must not bring the old one back, nor settle the send.
      const newer = statusRecord(record.requestId, 'delivered', T2);
      await claim(replica, newer);
      await replica.markPending(sendId);
      expect(await claim(replica, { ...record, sendId })).toMatchObject({
        firstDelivery: false,
        settledPending: false,
      });
      expect(await store.getStatus(record.requestId)).toEqual(newer);
      expect(await store.getSettled(sendId)).toBeUndefined();
      // Updates arrive in order: once this marker has, the repeat would have too.
      const marker = statusRecord(req(), 'sent', T1);
      await claim(replica, marker);
      const updates = await log.until(3);
      expect(updates.map((u) => u.requestId === marker.requestId || u.status)).toEqual([
        'sent',
        'delivered',
        true,
      ]);
    });

    it("'handler' keeps the key's expiry: the retry after it is a first delivery again", async () => {
      const store = await subject.open({ dedupTtlMs: 300 });
      const record = statusRecord(req(), 'sent', T1);
      await claim(store, record);
      // Released two thirds into its life: kept, it expires before the check; renewed, it would not.
      await sleep(200);
      await store.releasePostback(keyOf(record), 'handler');
      await sleep(200);
      expect(await claim(store, record)).toMatchObject({ duplicate: false, firstDelivery: true });
    });

    it("'all': the retry is processed from scratch; the same change again is not stale", async () => {
      const store = await subject.open();
      const log = new UpdateLog();
      await store.subscribe(log.listener);
      const record = statusRecord(req(), 'delivered', T1);
      await claim(store, record);
      await store.releasePostback(keyOf(record), 'all');
      expect(await claim(store, record)).toEqual({
        duplicate: false,
        firstDelivery: true,
        stale: false,
        settledPending: false,
      });
      // Both deliveries reached the listeners.
      expect((await log.until(2)).map((u) => [u.requestId, u.stale])).toEqual([
        [record.requestId, false],
        [record.requestId, false],
      ]);
      expect(await claim(store, record)).toEqual({ duplicate: true });
    });

    it("'all' undoes nothing else the claim recorded", async () => {
      const store = await subject.open();
      const sendId = `send-${req()}`;
      await store.markPending(sendId);
      const record = statusRecord(req(), 'sent', T1, { sendId });
      expect(await claim(store, record)).toMatchObject({ settledPending: true });
      await store.releasePostback(keyOf(record), 'all');
      expect(await store.getStatus(record.requestId)).toEqual(record);
      expect(await store.getSettled(sendId)).toEqual({ sendId, requestId: record.requestId, status: 'sent' });
      expect(await claim(store, record)).toMatchObject({ firstDelivery: true, settledPending: false });
    });

    it('of a key never claimed changes nothing: its first claim is a first delivery', async () => {
      const store = await subject.open();
      const record = statusRecord(req(), 'sent', T1);
      await store.releasePostback(keyOf(record), 'handler');
      await store.releasePostback(keyOf(record), 'all');
      expect(await claim(store, record)).toMatchObject({ duplicate: false, firstDelivery: true });
    });
  });

  describe('ordering (isNewerStatus)', () => {
    /** Claims `first` then `second` on one request; answers whether `second` was stale and what is stored. */
    async function order(first: [string, string], second: [string, string]) {
      const store = await subject.open();
      const requestId = req();
      const a = statusRecord(requestId, ...first);
      const b = statusRecord(requestId, ...second);
      expect(await claim(store, a)).toMatchObject({ stale: false });
      const result = await claim(store, b);
      if (result.duplicate) throw new Error('unexpected duplicate');
      return { stale: result.stale, stored: (await store.getStatus(requestId))?.status, a, b };
    }

    it('delivered, then a late sent (earlier instant): stale, getStatus stays delivered', async () => {
      expect(await order(['delivered', T2], ['sent', T1])).toMatchObject({
        stale: true,
        stored: 'delivered',
      });
    });

    it('delivered, then sent with a later instant: stale (not final after final)', async () => {
      expect(await order(['delivered', T1], ['sent', T2])).toMatchObject({
        stale: true,
        stored: 'delivered',
      });
    });

    it('an earlier instant is stale, final or not', async () => {
      expect(await order(['sent', T2], ['submitted', T1])).toMatchObject({ stale: true, stored: 'sent' });
      expect(await order(['sent', T2], ['delivered', T1])).toMatchObject({ stale: true, stored: 'sent' });
    });

    it('a later instant is news, a later final over a final one included', async () => {
      expect(await order(['sent', T1], ['delivered', T2])).toMatchObject({
        stale: false,
        stored: 'delivered',
      });
      expect(await order(['sent', T1], ['submitted', T3])).toMatchObject({
        stale: false,
        stored: 'submitted',
      });
      expect(await order(['delivered', T1], ['failed', T2])).toMatchObject({
        stale: false,
        stored: 'failed',
      });
    });

    it('the same instant: only a final status over one that is not', async () => {
      expect(await order(['sent', T1], ['delivered', T1])).toMatchObject({
        stale: false,
        stored: 'delivered',
      });
      expect(await order(['delivered', T1], ['sent', T1])).toMatchObject({
        stale: true,
        stored: 'delivered',
      });
      expect(await order(['sent', T1], ['submitted', T1])).toMatchObject({ stale: true, stored: 'sent' });
      expect(await order(['delivered', T1], ['failed', T1])).toMatchObject({
        stale: true,
        stored: 'delivered',
      });
    });

    it('the very same change under another key, in another case, is not stale and replaces it', async () => {
      const { stale, b } = await order(['Delivered', T1], ['DELIVERED', T1]);
      expect(stale).toBe(false);
      const store = await subject.open();
      expect(await store.getStatus(b.requestId)).toEqual(b);
    });

    it('decides exactly as isNewerStatus over any sequence of statuses and instants', async () => {
      const store = await subject.open();
      // Instants are compared as strings: odd ones (cases, punctuation) tell byte order from a locale's.
      const instant = fc.constantFrom(T1, T2, T3, 'a', 'B', 'b', '_', '-', 'Z');
      const status = fc.constantFrom(
        'sent',
        'SENT',
        'submitted',
        'delivered',
        'Delivered',
        'failed',
        'expired',
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(status, instant), { minLength: 1, maxLength: 6 }),
          async (steps) => {
            const requestId = req('prop');
            let latest: ZixflowStatusRecord | undefined;
            for (const [i, [s, at]] of steps.entries()) {
              const record = statusRecord(requestId, s, at);
              const expectedStale = !isNewerStatus(record, latest);
              const result = await claim(store, record, `${requestId}|${i}`);
              expect(result).toMatchObject({ duplicate: false, stale: expectedStale });
              if (!expectedStale) latest = record;
              expect(await store.getStatus(requestId)).toEqual(latest);
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  });

  describe('sends of unknown outcome (sendId)', () => {
    it('markPending, then a postback naming the send: settledPending, and getSettled says what it said', async () => {
      const store = await subject.open();
      const replica = await subject.open();
      const sendId = `send-${req()}`;
      expect(await store.markPending(sendId)).toBeUndefined();
      const record = statusRecord(req(), 'sent', T1, { sendId });
      expect(await claim(replica, record)).toEqual({
        duplicate: false,
        firstDelivery: true,
        stale: false,
        settledPending: true,
      });
      const settled = { sendId, requestId: record.requestId, status: 'sent' };
      expect(await store.getSettled(sendId)).toEqual(settled);
      // Once settled it is no longer pending: another postback naming it settles nothing.
      const later = statusRecord(record.requestId, 'delivered', T2, { sendId });
      expect(await claim(store, later)).toMatchObject({ settledPending: false });
    });

    it('a postback first, then markPending: returns the settled send and records nothing', async () => {
      const store = await subject.open();
      const sendId = `send-${req()}`;
      const record = statusRecord(req(), 'submitted', T1, { sendId });
      expect(await claim(store, record)).toMatchObject({ settledPending: false });
      const settled = { sendId, requestId: record.requestId, status: 'submitted' };
      expect(await store.markPending(sendId)).toEqual(settled);
      expect(await store.markPending(sendId)).toEqual(settled);
      const later = statusRecord(record.requestId, 'delivered', T2, { sendId });
      expect(await claim(store, later)).toMatchObject({ settledPending: false });
    });

    it('a second postback naming the same send does not replace the settled send', async () => {
      const store = await subject.open();
      const replica = await subject.open();
      const sendId = `send-${req()}`;
      await store.markPending(sendId);
      const first = statusRecord(req(), 'sent', T1, { sendId });
      await claim(store, first);
      await claim(replica, statusRecord(first.requestId, 'delivered', T2, { sendId }));
      await claim(replica, statusRecord(req(), 'failed', T3, { sendId }));
      expect(await replica.getSettled(sendId)).toEqual({
        sendId,
        requestId: first.requestId,
        status: 'sent',
      });
      expect(await replica.markPending(sendId)).toEqual({
        sendId,
        requestId: first.requestId,
        status: 'sent',
      });
    });

    it('a stale postback still settles its send', async () => {
      const store = await subject.open();
      const sendId = `send-${req()}`;
      const requestId = req();
      await claim(store, statusRecord(requestId, 'delivered', T2));
      await store.markPending(sendId);
      expect(await claim(store, statusRecord(requestId, 'sent', T1, { sendId }))).toMatchObject({
        stale: true,
        settledPending: true,
      });
      expect(await store.getSettled(sendId)).toEqual({ sendId, requestId, status: 'sent' });
    });

    it('a postback naming no send settles none', async () => {
      const store = await subject.open();
      const sendId = `send-${req()}`;
      await store.markPending(sendId);
      expect(await claim(store, statusRecord(req(), 'sent', T1))).toMatchObject({ settledPending: false });
      expect(await store.getSettled(sendId)).toBeUndefined();
    });
  });

  describe('subscribe', () => {
    it('fans out every claimed update, with stale, to a subscriber of another replica', async () => {
      const receiver = await subject.open();
      const sender = await subject.open();
      const log = new UpdateLog();
      await receiver.subscribe(log.listener);
      const requestId = req();
      const sendId = `send-${req()}`;
      const delivered = statusRecord(requestId, 'delivered', T2, { sendId });
      const late = statusRecord(requestId, 'sent', T1);
      await claim(sender, delivered);
      await claim(sender, late);
      expect(await log.until(2)).toEqual([
        { ...delivered, stale: false },
        { ...late, stale: true },
      ]);
    });

    it('a listener that throws does not keep the others from the update', async () => {
      const store = await subject.open();
      const replica = await subject.open();
      const before = new UpdateLog();
      const after = new UpdateLog();
      await store.subscribe(before.listener);
      await store.subscribe(() => {
        throw new Error('listener failure');
      });
      await store.subscribe(after.listener);
      const record = statusRecord(req(), 'sent', T1);
      expect(await claim(replica, record)).toMatchObject({ duplicate: false });
      expect(await before.until(1)).toEqual([{ ...record, stale: false }]);
      expect(await after.until(1)).toEqual([{ ...record, stale: false }]);
    });

    it('stops calling a listener once unsubscribed; the same function subscribed twice is called twice', async () => {
      const store = await subject.open();
      const replica = await subject.open();
      const twice = new UpdateLog();
      const stays = new UpdateLog();
      const unsubscribeFirst = await store.subscribe(twice.listener);
      await store.subscribe(twice.listener);
      await store.subscribe(stays.listener);
      const one = statusRecord(req(), 'sent', T1);
      await claim(replica, one);
      await stays.until(1);
      expect(await twice.until(2)).toHaveLength(2);

      unsubscribeFirst();
      const two = statusRecord(req(), 'sent', T1);
      await claim(replica, two);
      await stays.until(2);
      expect(twice.updates.map((u) => u.requestId)).toEqual([one.requestId, one.requestId, two.requestId]);
    });

    it('publishes nothing for a duplicate', async () => {
      const store = await subject.open();
      const log = new UpdateLog();
      await store.subscribe(log.listener);
      const record = statusRecord(req(), 'sent', T1);
      await claim(store, record);
      await claim(store, record);
      const marker = statusRecord(req(), 'sent', T1);
      await claim(store, marker);
      expect((await log.until(2)).map((u) => u.requestId)).toEqual([record.requestId, marker.requestId]);
    });
  });

  describe('expiry', () => {
    it('forgets a handled postback after dedupTtlMs: a redelivery then is handled again', async () => {
      const store = await subject.open({ dedupTtlMs: 100 });
      const record = statusRecord(req(), 'sent', T1);
      await claim(store, record);
      await sleep(300);
      expect(await claim(store, record)).toMatchObject({ duplicate: false, firstDelivery: true });
    });

    it('forgets a status after statusTtlMs', async () => {
      const store = await subject.open({ statusTtlMs: 100 });
      const record = statusRecord(req(), 'delivered', T2);
      await claim(store, record);
      expect(await store.getStatus(record.requestId)).toEqual(record);
      await sleep(300);
      expect(await store.getStatus(record.requestId)).toBeUndefined();
      // Nothing stored any more, so an older status is news again.
      expect(await claim(store, statusRecord(record.requestId, 'sent', T1))).toMatchObject({ stale: false });
    });

    it('forgets pending and settled sends after pendingTtlMs', async () => {
      const store = await subject.open({ pendingTtlMs: 100 });
      const pending = `send-${req()}`;
      const settled = `send-${req()}`;
      await store.markPending(pending);
      await claim(store, statusRecord(req(), 'sent', T1, { sendId: settled }));
      expect(await store.getSettled(settled)).toBeDefined();
      await sleep(300);
      expect(await store.getSettled(settled)).toBeUndefined();
      expect(await claim(store, statusRecord(req(), 'sent', T1, { sendId: pending }))).toMatchObject({
        settledPending: false,
      });
    });
  });
}
