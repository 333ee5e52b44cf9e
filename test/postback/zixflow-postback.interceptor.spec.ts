import { Logger } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';
import { InMemoryPostbackDedupStore } from '../../lib/postback/dedup/in-memory-dedup.store';
import { postbackDedupKey } from '../../lib/postback/dedup/postback-dedup-key';
import type { PostbackEventDispatcher } from '../../lib/postback/postback-event.dispatcher';
import { parsePostbackPayload } from '../../lib/postback/postback-payload.parser';
import { setPostbackRequestState } from '../../lib/postback/postback-request-state';
import { ZixflowPostbackHttpException } from '../../lib/postback/zixflow-postback-http.exception';
import { ZixflowPostbackInterceptor } from '../../lib/postback/zixflow-postback.interceptor';
import { DOCS_EXAMPLE_BODY } from './postback-body.fixture';
import { handlerRunning, httpContext, postbackConfig } from './postback-context.fixture';

const event = parsePostbackPayload(DOCS_EXAMPLE_BODY);
const key = postbackDedupKey(event);

describe('ZixflowPostbackInterceptor', () => {
  let store: InMemoryPostbackDedupStore;
  let dispatcher: { publish: jest.Mock; publishAndWait: jest.Mock };
  const interceptor = (ackAfterListeners = false) =>
    new ZixflowPostbackInterceptor(
      postbackConfig({ ackAfterListeners }),
      store,
      dispatcher as unknown as PostbackEventDispatcher,
    );
  const requestWith = (duplicate: boolean): object => {
    const request = {};
    setPostbackRequestState(request, { event, duplicate });
    return request;
  };

  beforeEach(async () => {
    store = new InMemoryPostbackDedupStore();
    await store.markIfNew(key, 60_000);
    dispatcher = { publish: jest.fn(), publishAndWait: jest.fn().mockResolvedValue(undefined) };
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('publishes, then runs the handler and answers with its result', async () => {
    const handler = handlerRunning(() => 'ok');
    await expect(
      lastValueFrom(interceptor().intercept(httpContext(requestWith(false)), handler)),
    ).resolves.toBe('ok');
    expect(dispatcher.publish).toHaveBeenCalledWith(event);
    expect(handler.calls).toBe(1);
  });

  it('acknowledges a duplicate without running the handler or publishing', async () => {
    const handler = handlerRunning(() => 'ok');
    await expect(
      lastValueFrom(interceptor().intercept(httpContext(requestWith(true)), handler), {
        defaultValue: 'none',
      }),
    ).resolves.toBeUndefined();
    expect(handler.calls).toBe(0);
    expect(dispatcher.publish).not.toHaveBeenCalled();
  });

  it('forgets the dedup key when the handler throws, and rethrows its error', async () => {
    const handler = handlerRunning(() => {
      throw new Error('db down');
    });
    await expect(
      lastValueFrom(interceptor().intercept(httpContext(requestWith(false)), handler)),
    ).rejects.toThrow('db down');
    await expect(store.markIfNew(key, 60_000)).resolves.toBe(true);
  });

  it('ackAfterListeners: a failing listener forgets the key and answers 500 without running the handler', async () => {
    dispatcher.publishAndWait.mockRejectedValue(new Error('listener down'));
    const handler = handlerRunning(() => 'ok');
    const error = await lastValueFrom(
      interceptor(true).intercept(httpContext(requestWith(false)), handler),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZixflowPostbackHttpException);
    expect((error as ZixflowPostbackHttpException).getStatus()).toBe(500);
    expect(handler.calls).toBe(0);
    expect(dispatcher.publish).not.toHaveBeenCalled();
    await expect(store.markIfNew(key, 60_000)).resolves.toBe(true);
  });

  it('passes through when the guard did not run', async () => {
    const handler = handlerRunning(() => 'plain');
    await expect(lastValueFrom(interceptor().intercept(httpContext({}), handler))).resolves.toBe('plain');
    expect(dispatcher.publish).not.toHaveBeenCalled();
  });
});
