import { EventEmitter2 } from '@nestjs/event-emitter';
import fc from 'fast-check';
import { ZixflowEventPublisher } from '../../../lib/events/zixflow-event.publisher';
import { ZixflowEvent, postbackEventName } from '../../../lib/events/zixflow-event';
import { PostbackEventDispatcher } from '../../../lib/postback/processing/postback-event.dispatcher';
import type { ZixflowPostbackEvent } from '../../../lib/postback/interfaces/zixflow-postback-event.interface';

/** Every event that is not about a postback: the send lifecycle and its settled outcomes (and, later, queue events). */
const SEND_EVENTS: readonly string[] = [
  ZixflowEvent.SmsQueued,
  ZixflowEvent.SmsSendFailed,
  ZixflowEvent.SmsOutcomeResolved,
];
const ALL_EVENTS: readonly string[] = Object.values(ZixflowEvent);

/** Any string, including dots, wildcards, empty, upper case and astral characters. */
const segment = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('sms', 'SMS', 'queued', 'send', 'failed', 'send.queued', 'send_failed', '*', '**', '', '.'),
);
const plainWord = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);

function postback(channel: string, status: string): ZixflowPostbackEvent {
  return {
    workspaceId: 'ws',
    type: 'delivery_status',
    messageId: '604132581490819100',
    requestId: 'req-1',
    channel,
    recipient: '919090909090',
    status,
    remark: '',
    statusAt: '2026-01-28T17:17:59.254174911Z',
    statusDate: new Date('2026-01-28T17:17:59.254Z'),
    stale: false,
    postBackData: undefined,
    raw: {},
  };
}

describe('event names', () => {
  it('a postback event name never equals a send event name nor the generic postback name', () => {
    fc.assert(
      fc.property(segment, segment, (channel, status) => {
        const name = postbackEventName(channel, status);
        expect(SEND_EVENTS).not.toContain(name);
        expect(name).not.toBe(ZixflowEvent.Postback);
      }),
      { numRuns: 2000 },
    );
  });

  it('postback event names and no other name live under zixflow.postback.', () => {
    fc.assert(
      fc.property(segment, segment, (channel, status) => {
        expect(postbackEventName(channel, status).startsWith(`${ZixflowEvent.Postback}.`)).toBe(true);
      }),
    );
    for (const name of SEND_EVENTS) expect(name.startsWith(ZixflowEvent.Postback)).toBe(false);
  });

  it('every named event is a send event, the generic postback event, or exactly a per-status postback name', () => {
    for (const name of ALL_EVENTS) {
      if (SEND_EVENTS.includes(name) || name === ZixflowEvent.Postback) continue;
      const [, , channel, status, ...rest] = name.split('.');
      expect(rest).toEqual([]);
      expect(name).toBe(postbackEventName(channel, status));
    }
    expect(new Set(ALL_EVENTS).size).toBe(ALL_EVENTS.length);
  });

  it('distinct plain-word (channel, status) pairs get distinct names (case aside)', () => {
    fc.assert(
      fc.property(plainWord, plainWord, plainWord, plainWord, (c1, s1, c2, s2) => {
        const same = c1.toLowerCase() === c2.toLowerCase() && s1.toLowerCase() === s2.toLowerCase();
        expect(postbackEventName(c1, s1) === postbackEventName(c2, s2)).toBe(same);
      }),
    );
  });

  it('with EventEmitter2 wildcards, listeners of send events never receive a postback, whatever its channel and status', async () => {
    const emitter = new EventEmitter2({ wildcard: true });
    const dispatcher = new PostbackEventDispatcher(new ZixflowEventPublisher(emitter));
    jest.spyOn(dispatcher['logger'], 'warn').mockImplementation(() => undefined);
    const sendSide: string[] = [];
    for (const pattern of ['zixflow.sms.*', 'zixflow.sms.**', 'zixflow.sms.send.*', ...SEND_EVENTS]) {
      emitter.on(pattern, function (this: { event: string }) {
        sendSide.push(this.event);
      });
    }
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(segment, plainWord),
        fc.oneof(segment, plainWord),
        async (channel, status) => {
          await dispatcher.publishAndWait(postback(channel, status));
          expect(sendSide).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
    // The patterns do match what they should.
    emitter.emit(ZixflowEvent.SmsQueued, {});
    expect(sendSide.length).toBeGreaterThan(0);
  });
});
