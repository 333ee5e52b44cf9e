import { Logger } from '@nestjs/common';
import { InMemoryZixflowStore } from '../../../lib/store/in-memory-zixflow.store';
import type { ZixflowStore } from '../../../lib/store/zixflow-store.interface';
import { promisingStore } from '../../utils/faulty-store';
import { postbackClaim } from '../../../lib/postback/state/postback-claim';
import { ZixflowEventPublisher } from '../../../lib/events/zixflow-event.publisher';
import { StoreFailureLog } from '../../../lib/store/store-failure.log';
import { ZixflowEvent } from '../../../lib/events/zixflow-event';
import { SmsOutcomeResolvedEvent } from '../../../lib/events/sms-outcome-resolved.event';
import type { PostbackEventDispatcher } from '../../../lib/postback/processing/postback-event.dispatcher';
import { parsePostbackPayload } from '../../../lib/postback/parsing/postback-payload.parser';
import { PostbackProcessor } from '../../../lib/postback/processing/postback.processor';
import { ZixflowPostbackHttpException } from '../../../lib/postback/http/zixflow-postback-http.exception';
import { DOCS_EXAMPLE_BODY, postbackBody } from '../postback-body.fixture';
import { postbackConfig } from '../postback-context.fixture';

let event = parsePostbackPayload(DOCS_EXAMPLE_BODY);

/** Whether the store would take this postback as a duplicate now (claims it if not). */
async function held(store: ZixflowStore): Promise<boolean> {
  return (await store.claimPostback(postbackClaim(event))).duplicate;
}

describe('PostbackProcessor', () => {
  let store: InMemoryZixflowStore;
  let events: ZixflowEventPublisher;
  let dispatcher: { publish: jest.Mock; publishAndWait: jest.Mock };
  const processor = (ackAfterListeners = false, s: ZixflowStore = store) =>
    new PostbackProcessor(
      postbackConfig({ ackAfterListeners }),
      s,
      dispatcher as unknown as PostbackEventDispatcher,
      events,
      new StoreFailureLog(),
    );

  beforeEach(() => {
    event = parsePostbackPayload(DOCS_EXAMPLE_BODY);
    store = new InMemoryZixflowStore();
    events = new ZixflowEventPublisher();
    dispatcher = { publish: jest.fn(), publishAndWait: jest.fn().mockResolvedValue(undefined) };
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('marks the postback, publishes, then runs the handler and answers with its result', () => {
    const order: string[] = [];
    dispatcher.publish.mockImplementation(() => order.push('publish'));
    const handle = jest.fn(() => {
      order.push('handle');
      return 'ok';
    });
    // Synchronously: the in-memory store answers at once, so nothing is awaited.
    expect(processor().process(event, handle)).toBe('ok');
    expect(order).toEqual(['publish', 'handle']);
    expect(dispatcher.publish).toHaveBeenCalledWith(event);
    expect(store.claimPostback(postbackClaim(event)).duplicate).toBe(true);
  });

  it('with an asynchronous store, resolves with the handler result after the store answered', async () => {
    const order: string[] = [];
    const inner = promisingStore(new InMemoryZixflowStore());
    const asyncStore: ZixflowStore = {
      ...inner,
      claimPostback: async (claim) => {
        await new Promise((resolve) => setImmediate(resolve));
        order.push('claimed');
        return inner.claimPostback(claim);
      },
    };
    const pending = processor(false, asyncStore).process(event, () => order.push('handle') && 'ok');
    expect(order).toEqual([]);
    await expect(pending).resolves.toBe('ok');
    // One store call per postback.
    expect(order).toEqual(['claimed', 'handle']);
  });

  it('awaits an async handler', async () => {
    await expect(Promise.resolve(processor().process(event, () => Promise.resolve('later')))).resolves.toBe(
      'later',
    );
  });

  it('acknowledges a duplicate without running the handler or publishing', async () => {
    await held(store);
    const handle = jest.fn();
    expect(processor().process(event, handle)).toBeUndefined();
    expect(handle).not.toHaveBeenCalled();
    expect(dispatcher.publish).not.toHaveBeenCalled();
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('db down');
      },
    ],
    ['rejects', () => Promise.reject(new Error('db down'))],
  ])('releases the claim when the handler %s, and rethrows its error', async (_label, handle) => {
    await expect(processor().process(event, handle)).rejects.toThrow('db down');
    expect(await held(store)).toBe(false);
  });

  describe.each([
    ['synchronous (in-memory)', () => new InMemoryZixflowStore()],
    ['asynchronous', () => promisingStore(new InMemoryZixflowStore())],
  ])('with a %s store, a handler failing on retries', (_label, makeStore) => {
    it.each([false, true])(
      'reaches the listeners once and runs until it succeeds (ackAfterListeners: %s)',
      async (ack) => {
        const shared = makeStore();
        const p = processor(ack, shared);
        let failures = 2;
        const handle = jest.fn(() => {
          if (failures-- > 0) throw new Error('db down');
          return 'ok';
        });
        await expect(Promise.resolve().then(() => p.process(event, handle))).rejects.toThrow('db down');
        await expect(Promise.resolve().then(() => p.process(event, handle))).rejects.toThrow('db down');
        await expect(Promise.resolve(p.process(event, handle))).resolves.toBe('ok');
        await expect(Promise.resolve(p.process(event, handle))).resolves.toBeUndefined();
        expect(handle).toHaveBeenCalledTimes(3);
        const published = ack ? dispatcher.publishAndWait : dispatcher.publish;
        expect(published).toHaveBeenCalledTimes(1);
      },
    );
  });

  it('ackAfterListeners: a failing listener is published to again on the retry', async () => {
    dispatcher.publishAndWait.mockRejectedValueOnce(new Error('listener down'));
    const p = processor(true);
    await expect(Promise.resolve(p.process(event, () => 'ok'))).rejects.toThrow(/listener failed/);
    await expect(Promise.resolve(p.process(event, () => 'ok'))).resolves.toBe('ok');
    expect(dispatcher.publishAndWait).toHaveBeenCalledTimes(2);
  });

  it('ackAfterListeners: awaits listeners before the handler', async () => {
    const order: string[] = [];
    dispatcher.publishAndWait.mockImplementation(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      order.push('listeners');
    });
    await Promise.resolve(processor(true).process(event, () => order.push('handle')));
    expect(order).toEqual(['listeners', 'handle']);
    expect(dispatcher.publish).not.toHaveBeenCalled();
  });

  it('ackAfterListeners: a failing listener releases the claim and answers 500 without running the handler', async () => {
    dispatcher.publishAndWait.mockRejectedValue(new Error('listener down'));
    const handle = jest.fn();
    const error = await Promise.resolve(processor(true).process(event, handle)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZixflowPostbackHttpException);
    expect((error as ZixflowPostbackHttpException).getStatus()).toBe(500);
    expect(handle).not.toHaveBeenCalled();
    expect(await held(store)).toBe(false);
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('redis down'))],
    [
      'throws',
      () => {
        throw new Error('redis down');
      },
    ],
  ])('a store that %s is a 503 (retry later), without handler or events', async (_label, claimPostback) => {
    const broken: ZixflowStore = { ...promisingStore(store), claimPostback };
    const handle = jest.fn();
    const error = await Promise.resolve(processor(false, broken).process(event, handle)).catch(
      (e: unknown) => e,
    );
    expect((error as ZixflowPostbackHttpException).getStatus()).toBe(503);
    expect(handle).not.toHaveBeenCalled();
    expect(dispatcher.publish).not.toHaveBeenCalled();
  });

  it("a store that cannot release is logged, and the handler's own error still surfaces", async () => {
    const sticky: ZixflowStore = {
      ...promisingStore(store),
      releasePostback: () => Promise.reject(new Error('redis down')),
    };
    await expect(
      processor(false, sticky).process(event, () => {
        throw new Error('db down');
      }),
    ).rejects.toThrow('db down');
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      expect.stringMatching(/release a failed postback.*redis down/),
    );
  });

  describe('with what the store decided', () => {
    const later = (status: string, statusAt: string) =>
      parsePostbackPayload(
        postbackBody({ status: JSON.stringify(status), status_at: JSON.stringify(statusAt) }),
      );

    it('marks a stale postback for the handler and the dispatcher, and a newer one as news', () => {
      const delivered = later('delivered', '2026-01-28T17:18:30Z');
      const lateSent = later('sent', '2026-01-28T17:18:40Z');
      const seen: boolean[] = [];
      processor().process(delivered, () => seen.push(delivered.stale));
      processor().process(lateSent, () => seen.push(lateSent.stale));
      expect(seen).toEqual([false, true]);
      expect(dispatcher.publish.mock.calls.map(([e]) => (e as typeof event).stale)).toEqual([false, true]);
      expect(store.getStatus(delivered.requestId)?.status).toBe('delivered');
    });

    it('announces a send of unknown outcome that the postback settles, once', () => {
      const resolved: unknown[] = [];
      events.subscribe(ZixflowEvent.SmsOutcomeResolved, (payload) => resolved.push(payload));
      const withSend = { ...event, sendId: 'send-1' };
      store.markPending('send-1');
      processor().process(withSend, () => 'ok');
      processor().process({ ...withSend, status: 'delivered' }, () => 'ok');
      expect(resolved).toEqual([new SmsOutcomeResolvedEvent('send-1', event.requestId, event.status)]);
    });
  });
});
