import { Logger } from '@nestjs/common';
import { ZixflowEvent } from '../../../../lib/events/zixflow-event';
import { ZixflowEventPublisher } from '../../../../lib/events/zixflow-event.publisher';
import { SmsOutcomeResolvedEvent } from '../../../../lib/events/sms-outcome-resolved.event';
import { parsePostbackPayload } from '../../../../lib/postback/parsing/postback-payload.parser';
import { PostbackEventDispatcher } from '../../../../lib/postback/processing/postback-event.dispatcher';
import { PostbackProcessor } from '../../../../lib/postback/processing/postback.processor';
import type { ZixflowPostbackEvent } from '../../../../lib/postback/interfaces/zixflow-postback-event.interface';
import { UnknownOutcomeRecorder } from '../../../../lib/sms/outcome/unknown-outcome.recorder';
import { InMemoryZixflowStore } from '../../../../lib/store/in-memory-zixflow.store';
import { StoreFailureLog } from '../../../../lib/store/store-failure.log';
import type { ZixflowStore } from '../../../../lib/store/zixflow-store.interface';
import { postbackBody } from '../../../postback/postback-body.fixture';
import { postbackConfig } from '../../../postback/postback-context.fixture';
import { FaultyStore, promisingStore } from '../../../utils/faulty-store';

const SEND_ID = '3b241101-e2bb-4255-8caf-4136c566a962';
const REQUEST_ID = '65ca1d21-8854-4d39-a0bd-64f1cd7b8db1';

/** A postback of the send SEND_ID, as the guard hands it on once its token verified. */
function postbackOf(status: string, statusAt: string): ZixflowPostbackEvent {
  const event = parsePostbackPayload(
    postbackBody({ status: JSON.stringify(status), status_at: JSON.stringify(statusAt) }),
  );
  return { ...event, sendId: SEND_ID };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The send's failure and its first postback race: whichever the store sees first, the send is settled,
 * and SmsOutcomeResolved is published once (by the processor or by the recorder).
 */
describe.each([
  ['synchronously (in-memory)', (inner: InMemoryZixflowStore): ZixflowStore => inner],
  ['through promises', promisingStore],
])('UnknownOutcomeRecorder, the store answering %s', (_label, wrap) => {
  let store: ZixflowStore;
  let events: ZixflowEventPublisher;
  let failures: StoreFailureLog;
  let resolved: unknown[];
  let recorder: UnknownOutcomeRecorder;
  let processor: PostbackProcessor;

  beforeEach(() => {
    store = wrap(new InMemoryZixflowStore());
    events = new ZixflowEventPublisher();
    failures = new StoreFailureLog();
    resolved = [];
    events.subscribe(ZixflowEvent.SmsOutcomeResolved, (payload) => resolved.push(payload));
    recorder = new UnknownOutcomeRecorder(store, events, failures);
    processor = new PostbackProcessor(
      postbackConfig(),
      store,
      new PostbackEventDispatcher(events),
      events,
      new StoreFailureLog(),
    );
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const process = async (event: ZixflowPostbackEvent): Promise<void> => {
    await processor.process(event, () => 'ok');
  };

  it('the postback first, then the failure recorded: published once, by the recorder, with what the postback said', async () => {
    await process(postbackOf('sent', '2026-01-28T17:18:00Z'));
    expect(resolved).toEqual([]);
    recorder.record(SEND_ID);
    await settle();
    expect(resolved).toEqual([new SmsOutcomeResolvedEvent(SEND_ID, REQUEST_ID, 'sent')]);

    await process(postbackOf('delivered', '2026-01-28T17:18:30Z'));
    await settle();
    expect(resolved).toHaveLength(1);
    expect(failures.count).toBe(0);
  });

  it('the failure first, then the postbacks: published once, by the first postback', async () => {
    recorder.record(SEND_ID);
    await settle();
    expect(resolved).toEqual([]);
    await process(postbackOf('sent', '2026-01-28T17:18:00Z'));
    await process(postbackOf('delivered', '2026-01-28T17:18:30Z'));
    await settle();
    expect(resolved).toEqual([new SmsOutcomeResolvedEvent(SEND_ID, REQUEST_ID, 'sent')]);
  });

  it('the first postback to come settles it, even a stale one', async () => {
    await process(postbackOf('delivered', '2026-01-28T17:18:30Z'));
    await process(postbackOf('sent', '2026-01-28T17:18:00Z'));
    recorder.record(SEND_ID);
    await settle();
    expect(resolved).toEqual([new SmsOutcomeResolvedEvent(SEND_ID, REQUEST_ID, 'delivered')]);
  });
});

describe('UnknownOutcomeRecorder with a failing store', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it.each(['throw', 'reject'] as const)(
    'markPending that fails (%s) is counted and logged, never thrown to the send',
    async (how) => {
      const store = new FaultyStore().fail('markPending', how);
      const failures = new StoreFailureLog();
      const recorder = new UnknownOutcomeRecorder(store, new ZixflowEventPublisher(), failures);
      expect(() => recorder.record(SEND_ID)).not.toThrow();
      await settle();
      expect(failures.count).toBe(1);
      expect(Logger.prototype.error).toHaveBeenCalledWith(
        'Zixflow store failed to record a send of unknown outcome: store unreachable (markPending)',
      );
    },
  );
});
