import { Logger } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import { ZixflowEventPublisher } from '../../../lib/events/zixflow-event.publisher';
import { parsePostbackPayload } from '../../../lib/postback/parsing/postback-payload.parser';
import { PostbackEventDispatcher } from '../../../lib/postback/processing/postback-event.dispatcher';
import { postbackBody } from '../postback-body.fixture';

function dispatcherWith(
  emitAsync: (name: string, payload: unknown) => Promise<unknown[]>,
): PostbackEventDispatcher {
  const emitter = { emitAsync, emit: jest.fn() } as unknown as EventEmitter2;
  return new PostbackEventDispatcher(new ZixflowEventPublisher(emitter));
}

const event = (overrides: Record<string, string> = {}) => parsePostbackPayload(postbackBody(overrides));

describe('PostbackEventDispatcher', () => {
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('names the generic and the lowercased per-status event', () => {
    const dispatcher = dispatcherWith(() => Promise.resolve([]));
    expect(dispatcher.eventNames(event({ channel: '"SMS"', status: '"Delivered"' }))).toEqual([
      'zixflow.postback',
      'zixflow.postback.sms.delivered',
    ]);
  });

  it('names every pair right, seen before or not, past the number of pairs it keeps', () => {
    const dispatcher = dispatcherWith(() => Promise.resolve([]));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 300; i++) {
        expect(dispatcher.eventNames(event({ channel: `"ch${i}"`, status: `"St${i % 7}"` }))).toEqual([
          'zixflow.postback',
          `zixflow.postback.ch${i}.st${i % 7}`,
        ]);
      }
    }
    // An unsafe status next to a cached safe one is still refused, and warned about every time.
    dispatcher.eventNames(event({ channel: '"ch1"', status: '"a.b"' }));
    dispatcher.eventNames(event({ channel: '"ch1"', status: '"a.b"' }));
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it.each(['"a.b"', '"*"', '"**"', '"x y"', '"sms\\n"'])(
    'publishes a status of %s only as zixflow.postback (no wildcard or delimiter injection)',
    (status) => {
      const dispatcher = dispatcherWith(() => Promise.resolve([]));
      expect(dispatcher.eventNames(event({ status }))).toEqual(['zixflow.postback']);
      expect(warn).toHaveBeenCalled();
    },
  );

  it('publish() never throws and logs a failing listener', async () => {
    const dispatcher = dispatcherWith((name) =>
      name === 'zixflow.postback' ? Promise.reject(new Error('boom')) : Promise.resolve([]),
    );
    expect(() => dispatcher.publish(event())).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][0])).toMatch(/zixflow\.postback failed.*boom/);
  });

  it('publishAndWait() rejects with the listener failure', async () => {
    const dispatcher = dispatcherWith(() => Promise.reject(new Error('boom')));
    await expect(dispatcher.publishAndWait(event())).rejects.toThrow('boom');
  });

  it('does nothing without EventEmitterModule', async () => {
    const dispatcher = new PostbackEventDispatcher(new ZixflowEventPublisher(undefined));
    dispatcher.publish(event());
    await expect(dispatcher.publishAndWait(event())).resolves.toBeUndefined();
  });

  it('without EventEmitterModule, still serves in-process subscribers (waitForStatus) under both names', () => {
    const publisher = new ZixflowEventPublisher(undefined);
    const seen: string[] = [];
    publisher.subscribe('zixflow.postback', () => seen.push('generic'));
    publisher.subscribe('zixflow.postback.whatsapp.delivered', () => seen.push('specific'));
    new PostbackEventDispatcher(publisher).publish(event());
    expect(seen).toEqual(['generic', 'specific']);
  });
});
