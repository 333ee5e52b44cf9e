import { Logger } from '@nestjs/common';
import { InMemoryPostbackDedupStore } from '../../../lib/postback/dedup/in-memory-dedup.store';
import { postbackDedupKey } from '../../../lib/postback/dedup/postback-dedup-key';
import type { PostbackDedupStore } from '../../../lib/postback/dedup/postback-dedup-store.interface';
import type { PostbackEventDispatcher } from '../../../lib/postback/processing/postback-event.dispatcher';
import { parsePostbackPayload } from '../../../lib/postback/parsing/postback-payload.parser';
import { PostbackProcessor } from '../../../lib/postback/processing/postback.processor';
import { ZixflowPostbackHttpException } from '../../../lib/postback/http/zixflow-postback-http.exception';
import { DOCS_EXAMPLE_BODY } from '../postback-body.fixture';
import { postbackConfig } from '../postback-context.fixture';

const event = parsePostbackPayload(DOCS_EXAMPLE_BODY);
const key = postbackDedupKey(event);

/** The same store answering through promises, as a Redis-backed one would. */
function promising(inner: PostbackDedupStore): PostbackDedupStore {
  return {
    markIfNew: async (k, ttl) => inner.markIfNew(k, ttl),
    forget: async (k) => inner.forget(k),
  };
}

describe('PostbackProcessor', () => {
  let store: InMemoryPostbackDedupStore;
  let dispatcher: { publish: jest.Mock; publishAndWait: jest.Mock };
  const processor = (ackAfterListeners = false, s: PostbackDedupStore = store) =>
    new PostbackProcessor(
      postbackConfig({ ackAfterListeners }),
      s,
      dispatcher as unknown as PostbackEventDispatcher,
    );

  beforeEach(() => {
    store = new InMemoryPostbackDedupStore();
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
    expect(store.markIfNew(key, 60_000)).toBe(false);
  });

  it('with an asynchronous store, resolves with the handler result after the store answered', async () => {
    const order: string[] = [];
    const asyncStore: PostbackDedupStore = {
      markIfNew: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        order.push('marked');
        return true;
      },
      forget: () => Promise.resolve(),
    };
    const pending = processor(false, asyncStore).process(event, () => order.push('handle') && 'ok');
    expect(order).toEqual([]);
    await expect(pending).resolves.toBe('ok');
    // The dedup key, then the events key.
    expect(order).toEqual(['marked', 'marked', 'handle']);
  });

  it('awaits an async handler', async () => {
    await expect(Promise.resolve(processor().process(event, () => Promise.resolve('later')))).resolves.toBe(
      'later',
    );
  });

  it('acknowledges a duplicate without running the handler or publishing', async () => {
    await store.markIfNew(key, 60_000);
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
  ])('forgets the dedup key when the handler %s, and rethrows its error', async (_label, handle) => {
    await expect(processor().process(event, handle)).rejects.toThrow('db down');
    expect(store.markIfNew(key, 60_000)).toBe(true);
  });

  describe.each([
    ['synchronous (in-memory)', () => new InMemoryPostbackDedupStore()],
    ['asynchronous', () => promising(new InMemoryPostbackDedupStore())],
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

  it('ackAfterListeners: a failing listener forgets the key and answers 500 without running the handler', async () => {
    dispatcher.publishAndWait.mockRejectedValue(new Error('listener down'));
    const handle = jest.fn();
    const error = await Promise.resolve(processor(true).process(event, handle)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZixflowPostbackHttpException);
    expect((error as ZixflowPostbackHttpException).getStatus()).toBe(500);
    expect(handle).not.toHaveBeenCalled();
    expect(store.markIfNew(key, 60_000)).toBe(true);
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('redis down'))],
    [
      'throws',
      () => {
        throw new Error('redis down');
      },
    ],
  ])('a dedup store that %s is a 500 (retry later), without handler or events', async (_label, markIfNew) => {
    const broken: PostbackDedupStore = { markIfNew, forget: () => Promise.resolve() };
    const handle = jest.fn();
    const error = await Promise.resolve(processor(false, broken).process(event, handle)).catch(
      (e: unknown) => e,
    );
    expect((error as ZixflowPostbackHttpException).getStatus()).toBe(500);
    expect(handle).not.toHaveBeenCalled();
    expect(dispatcher.publish).not.toHaveBeenCalled();
  });

  it("a store that cannot forget is logged, and the handler's own error still surfaces", async () => {
    const sticky: PostbackDedupStore = {
      markIfNew: () => Promise.resolve(true),
      forget: () => Promise.reject(new Error('redis down')),
    };
    await expect(
      processor(false, sticky).process(event, () => {
        throw new Error('db down');
      }),
    ).rejects.toThrow('db down');
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      expect.stringMatching(/could not forget.*redis down/),
    );
  });
});
