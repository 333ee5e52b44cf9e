import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Injectable, type INestApplication } from '@nestjs/common';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import {
  SmsOutcomeResolvedEvent,
  SmsSendFailedEvent,
  SmsService,
  ZixflowEvent,
  ZixflowNetworkError,
  ZixflowStoreUnavailableError,
  ZixflowValidationError,
  isSafeToResend,
  type ZixflowModuleOptions,
} from '../../lib';
import { postbackBody } from '../postback/postback-body.fixture';
import { FaultyStore } from '../utils/faulty-store';
import { freePort } from '../utils/free-port';
import { rejectionOf } from '../utils/thrown-by';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_unknown_outcome_key';
const WORKSPACE = 'ws_unknown_outcome';
const SECRET = 'outcome-secret-0123456789abcdefgh';
const RECIPIENT = '919876543210';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

@Injectable()
class OutcomeListener {
  readonly resolved: SmsOutcomeResolvedEvent[] = [];
  readonly failed: SmsSendFailedEvent[] = [];

  @OnEvent(ZixflowEvent.SmsOutcomeResolved)
  onResolved(event: SmsOutcomeResolvedEvent): void {
    this.resolved.push(event);
  }

  @OnEvent(ZixflowEvent.SmsSendFailed)
  onFailed(event: SmsSendFailedEvent): void {
    this.failed.push(event);
  }
}

/**
 * A send whose answer was lost (the simulator queues it, then resets the connection) rejects with outcome
 * unknown; its signed postbacks name it, which settles it: resolveOutcome says queued, with the request id
 * the lost answer carried, and SmsOutcomeResolved fires once.
 */
describe('resolveOutcome and SmsOutcomeResolved', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  let app: INestApplication | undefined;
  let port: number;

  beforeEach(async () => {
    port = await freePort();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function boot(extra: Partial<ZixflowModuleOptions> = {}): Promise<SmsService> {
    app = await createZixflowTestApp(
      simulator,
      {
        retry: { maxAttempts: 1 },
        postback: {
          publicUrl: `http://127.0.0.1:${port}/hooks/zixflow`,
          secret: SECRET,
          path: 'hooks/zixflow',
        },
        ...extra,
      },
      {
        imports: [EventEmitterModule.forRoot()],
        providers: [OutcomeListener],
        app: { rawBody: true },
        listenPort: port,
      },
    );
    return app.get(SmsService);
  }

  const listener = (): OutcomeListener => app!.get(OutcomeListener);

  /** A send the simulator queues and whose answer it then drops. */
  async function lostAnswer(sms: SmsService): Promise<ZixflowNetworkError> {
    simulator.failNext({ kind: 'reset-after-body' });
    const error = await rejectionOf(sms.send({ recipient: RECIPIENT, message: 'lost' }), ZixflowNetworkError);
    expect(error.outcome).toBe('unknown');
    expect(isSafeToResend(error)).toBe(false);
    expect(error.sendId).toMatch(UUID);
    return error;
  }

  it('a lost answer: queued with the request id the simulator assigned; the event fires once, whatever follows', async () => {
    const sms = await boot();
    simulator.setPostbackScenario('*', { statuses: ['sent', 'delivered'], duplicates: 1, delayMs: 5 });
    const error = await lostAnswer(sms);
    const resolution = await sms.resolveOutcome(error.sendId!, { timeoutMs: 10_000 });

    expect(simulator.messages).toHaveLength(1);
    const requestId = simulator.messages[0].requestId;
    expect(simulator.requests[0]).toMatchObject({ requestId, response: undefined });
    expect(resolution).toEqual({ sendId: error.sendId, state: 'queued', requestId });

    await simulator.flushPostbacks();
    expect(simulator.postbacksFor(requestId).map((p) => p.status)).toEqual([200, 200, 200, 200]);
    // The first postback naming the send settled it: 'sent'. The later (and duplicated) ones add nothing.
    expect(listener().resolved).toEqual([new SmsOutcomeResolvedEvent(error.sendId!, requestId, 'sent')]);
    expect(listener().failed.map((e) => e.sendId)).toEqual([error.sendId]);
    // Asked again later, the answer is the same (from the settled send, not a fresh postback).
    await expect(sms.resolveOutcome(error.sendId!, { timeoutMs: 0 })).resolves.toEqual(resolution);
  });

  it('waiting first: resolveOutcome resolves when the postback naming the send arrives', async () => {
    const sms = await boot();
    // No postbacks of its own: the test delivers the one that settles it, after resolveOutcome started.
    simulator.setPostbackScenario('*', { statuses: [] });
    const error = await lostAnswer(sms);
    const [message] = simulator.messages;
    let settled = false;
    const resolution = sms.resolveOutcome(error.sendId!, { timeoutMs: 10_000 }).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);

    const body = postbackBody({
      workspace_id: JSON.stringify(WORKSPACE),
      request_id: JSON.stringify(message.requestId),
      recipient: JSON.stringify(RECIPIENT),
      channel: '"sms"',
      status: '"delivered"',
    });
    const delivery = await simulator.sendPostback(body, message.postBackUrl!);
    expect(delivery.status).toBe(200);
    await expect(resolution).resolves.toEqual({
      sendId: error.sendId,
      state: 'queued',
      requestId: message.requestId,
    });
    // The send was pending when its postback came: the postback settled it and announced it.
    expect(listener().resolved).toEqual([
      new SmsOutcomeResolvedEvent(error.sendId!, message.requestId, 'delivered'),
    ]);
    expect((await simulator.sendPostback(body, message.postBackUrl!)).status).toBe(200);
    expect(listener().resolved).toHaveLength(1);
  });

  it('a postback naming another send settles nothing', async () => {
    const sms = await boot();
    simulator.setPostbackScenario('*', { statuses: ['delivered'], delayMs: 2 });
    const error = await lostAnswer(sms);
    await sms.send({ recipient: RECIPIENT, message: 'another' });
    await simulator.flushPostbacks();
    expect(listener().resolved.map((e) => e.sendId)).toEqual([error.sendId]);
  });

  it("an id no postback names: 'unresolved' once its timeout passed", async () => {
    const sms = await boot();
    const sendId = randomUUID();
    const started = performance.now();
    await expect(sms.resolveOutcome(sendId, { timeoutMs: 50 })).resolves.toEqual({
      sendId,
      state: 'unresolved',
    });
    // Timers may fire a millisecond early against performance.now().
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("'unresolved' when its signal aborts, or was aborted already", async () => {
    const sms = await boot();
    const sendId = randomUUID();
    const controller = new AbortController();
    const waiting = sms.resolveOutcome(sendId, { signal: controller.signal });
    controller.abort();
    await expect(waiting).resolves.toEqual({ sendId, state: 'unresolved' });
    await expect(sms.resolveOutcome(sendId, { signal: AbortSignal.abort() })).resolves.toEqual({
      sendId,
      state: 'unresolved',
    });
  });

  it.each([[''], ['   '], [42], [undefined]])(
    'a bad sendId (%j) is a ZixflowValidationError naming sendId',
    async (sendId) => {
      const sms = await boot();
      const error = await rejectionOf(sms.resolveOutcome(sendId as never), ZixflowValidationError);
      expect(error.errors.map((e) => e.field)).toEqual(['sendId']);
    },
  );

  it('a bad timeoutMs is a ZixflowValidationError naming timeoutMs', async () => {
    const sms = await boot();
    const error = await rejectionOf(
      sms.resolveOutcome(randomUUID(), { timeoutMs: -1 }),
      ZixflowValidationError,
    );
    expect(error.errors.map((e) => e.field)).toEqual(['timeoutMs']);
  });

  it.each([
    ['getSettled', 'reject'],
    ['getSettled', 'throw'],
    ['subscribe', 'reject'],
    ['subscribe', 'throw'],
  ] as const)(
    'a store whose %s fails (%s): ZixflowStoreUnavailableError, never unresolved',
    async (method, how) => {
      const store = new FaultyStore().fail(method, how);
      const sms = await boot({ store });
      const error = await rejectionOf(
        sms.resolveOutcome(randomUUID(), { timeoutMs: 10_000 }),
        ZixflowStoreUnavailableError,
      );
      expect(error.code).toBe('STORE_UNAVAILABLE');
      expect(error.message).toContain(`store unreachable (${method})`);
    },
  );
});
