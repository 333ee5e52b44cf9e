import 'reflect-metadata';
import { inspect } from 'node:util';
import {
  SmsService,
  ZixflowApiError,
  ZixflowError,
  ZixflowNetworkError,
  ZixflowTimeoutError,
  type SmsSendResult,
  type ZixflowModuleOptions,
  type ZixflowRetryOptions,
} from '../../lib';
import type { SimulatorFault } from '../../lib/testing';
import { useAppPerTest } from '../utils/app-per-test';
import { expectNoSecrets } from '../utils/expect-no-secrets';
import { freePort } from '../utils/free-port';
import { until } from '../utils/until';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_rel_SECRET_never_shown_1234';
const WORKSPACE = 'ws_rel_private_5678';
/** Room enough for a send on a busy machine, so only a fault makes one time out. */
const TIMEOUT_MS = 1000;
/**
 * Longer than TIMEOUT_MS, so the client gives up first (its timer starts earlier and ends sooner, whatever the
 * load); the simulator still queues the SMS afterwards.
 */
const SLOW_MS = 1200;
/**
 * Where the only exchange is the slow one (the timeout cases and the matrix), nothing has to succeed in time: a
 * shorter timeout, with the same rule (the simulator holds the exchange twice as long, so it ends well after the
 * client gave up), proves the same and waits less.
 */
const SHORT_TIMEOUT_MS = 250;
const SHORT_SLOW_MS = 2 * SHORT_TIMEOUT_MS;
type Constructor = abstract new (...args: never[]) => Error;

interface FailureCase {
  name: string;
  fault: SimulatorFault;
  error: Constructor;
  fields: Record<string, unknown>;
  requests: number;
  /** Messages the simulator queued: the SMS may have gone out although the client saw an error. */
  messages: number;
  /** The client's timeout, when not TIMEOUT_MS. */
  timeoutMs?: number;
}

interface RetriedCase {
  name: string;
  fault: SimulatorFault;
  requests: number;
  /** Lower bound on how long the retry waited, from Retry-After. */
  minMs?: number;
}

/** The outcome either way, and how long it took (for lower bounds only: a hang fails at jest's own timeout). */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const started = performance.now();
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { ...outcome, ms: performance.now() - started };
}

// Both transports: the undici pool (default) and axios' own adapter (`http`, also chosen by a proxy or agent).
describe.each([['undici'], ['http']] as const)(
  'Reliability on the %s transport: fault matrix through Nest + SmsService + simulator (default retry policy)',
  (adapter) => {
    /** Exchanges the simulator finished (answered or dropped), since the last reset. */
    let finished = 0;
    const simulator = useTestSimulator({
      apiKey: API_KEY,
      workspaceId: WORKSPACE,
      onRequest: () => finished++,
    });
    const current = useAppPerTest((logger) => expectNoSecrets(logger.text, [API_KEY, WORKSPACE]));

    beforeEach(() => {
      finished = 0;
    });

    async function boot(extra: Partial<ZixflowModuleOptions> = {}): Promise<SmsService> {
      current.app = await createZixflowTestApp(
        simulator,
        { timeoutMs: TIMEOUT_MS, http: { adapter }, ...extra },
        { logger: current.logger },
      );
      return current.app.get(SmsService);
    }

    /** Waits until the simulator finished every exchange: a delayed one queues its SMS after the client gave up. */
    async function simulatorIdle(): Promise<void> {
      await until(() => finished >= simulator.requests.length, 10);
    }

    function expectNoDuplicates(): void {
      const texts = simulator.messages.map((m) => m.body.message);
      expect(new Set(texts).size).toBe(texts.length);
    }

    async function sendOnce(
      retry?: ZixflowRetryOptions,
      timeoutMs = TIMEOUT_MS,
    ): Promise<{ value?: SmsSendResult; error?: unknown; ms: number }> {
      const service = await boot({ timeoutMs });
      return settle(service.send({ recipient: '919876543210', message: 'reliability' }, { retry }));
    }

    const retried: RetriedCase[] = [
      {
        name: '429 with Retry-After: 1',
        fault: { kind: 'status', status: 429, retryAfter: '1' },
        requests: 2,
        minMs: 950,
      },
      { name: '429 without Retry-After', fault: { kind: 'status', status: 429 }, requests: 2 },
    ];

    it.each(retried)('$name: retried, then queued once', async ({ fault, requests, minMs }) => {
      simulator.failNext(fault);
      const outcome = await sendOnce();
      expect(outcome.error).toBeUndefined();
      expect(outcome.value?.requestId).toBeDefined();
      if (minMs !== undefined) expect(outcome.ms).toBeGreaterThanOrEqual(minMs);
      expect(simulator.requests).toHaveLength(requests);
      expect(simulator.messages).toHaveLength(1);
      expect(simulator.messages[0].requestId).toBe(outcome.value?.requestId);
      expect(current.logger.text).toMatch(/attempt 1 failed \(RATE_LIMITED\); retrying/);
    });

    it('many sends waiting out a backoff at once: each queued once, and Node warns of no listener leak', async () => {
      // Node prints its warnings on the real stderr, which Jest's sandboxed `process` shares but does not emit on.
      const stderr = jest.spyOn(process.stderr, 'write');
      try {
        const service = await boot();
        simulator.failNext({ kind: 'status', status: 429 }, 20);
        // At most 20 of the attempts meet a 429, so 21 attempts always end queued.
        const retry = { maxAttempts: 21, baseDelayMs: 50, maxDelayMs: 100 };
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            service.send({ recipient: '919876543210', message: `backoff ${i}` }, { retry }),
          ),
        );
        expect(results).toHaveLength(20);
        expect(simulator.messages).toHaveLength(20);
        expectNoDuplicates();
        expect(stderr.mock.calls.map(([chunk]) => String(chunk)).join('')).not.toMatch(
          /MaxListenersExceeded/,
        );
      } finally {
        stderr.mockRestore();
      }
    });

    const failures: FailureCase[] = [
      ...[500, 502, 503].map((status): FailureCase => ({
        name: String(status),
        fault: { kind: 'status', status },
        error: ZixflowApiError,
        fields: { code: 'API_ERROR', status },
        requests: 1,
        messages: 0,
      })),
      {
        name: 'timeout before the response started (delay > timeout)',
        fault: { kind: 'delay', ms: SHORT_SLOW_MS },
        error: ZixflowTimeoutError,
        fields: { code: 'TIMEOUT', outcome: 'unknown', timeoutMs: SHORT_TIMEOUT_MS },
        requests: 1,
        messages: 1,
        timeoutMs: SHORT_TIMEOUT_MS,
      },
      {
        name: 'timeout after the response started (stall-after-headers)',
        fault: { kind: 'stall-after-headers', ms: SHORT_SLOW_MS },
        error: ZixflowTimeoutError,
        fields: { code: 'TIMEOUT', outcome: 'unknown', timeoutMs: SHORT_TIMEOUT_MS },
        requests: 1,
        messages: 1,
        timeoutMs: SHORT_TIMEOUT_MS,
      },
      {
        name: 'reset before the body was read (reset-before-body)',
        fault: { kind: 'reset-before-body' },
        error: ZixflowNetworkError,
        fields: { code: 'NETWORK', causeCode: 'ECONNRESET', outcome: 'unknown' },
        requests: 1,
        messages: 0,
      },
      {
        name: 'reset after the body was processed (reset-after-body)',
        fault: { kind: 'reset-after-body' },
        error: ZixflowNetworkError,
        fields: { code: 'NETWORK', causeCode: 'ECONNRESET', outcome: 'unknown' },
        requests: 1,
        messages: 1,
      },
      {
        name: 'malformed JSON',
        fault: { kind: 'malformed' },
        error: ZixflowApiError,
        fields: { code: 'API_ERROR', status: 200 },
        requests: 1,
        messages: 0,
      },
      {
        name: 'success:false with 200',
        fault: { kind: 'success-false', message: 'Insufficient credits' },
        error: ZixflowApiError,
        fields: { code: 'API_ERROR', status: 200, apiMessage: 'Insufficient credits' },
        requests: 1,
        messages: 0,
      },
    ];

    it.each(failures)(
      '$name: typed error, not retried',
      async ({ fault, error, fields, requests, messages, timeoutMs }) => {
        simulator.failNext(fault);
        const outcome = await sendOnce(undefined, timeoutMs);
        const finishedWhenSettled = finished;
        expect(outcome.error).toBeInstanceOf(error);
        expect(outcome.error).toMatchObject({ ...fields, request: { method: 'POST', attempts: 1 } });
        expectNoSecrets(outcome.error, [API_KEY, WORKSPACE]);
        if (process.env.RELIABILITY_DEBUG) console.log(fault.kind, inspect(outcome.error));
        // A timeout settles at the timeout, before the simulator ends the slow exchange (SHORT_SLOW_MS).
        if (fault.kind === 'delay' || fault.kind === 'stall-after-headers')
          expect(finishedWhenSettled).toBe(0);
        await simulatorIdle();
        expect(simulator.requests).toHaveLength(requests);
        expect(simulator.messages).toHaveLength(messages);
      },
    );

    it('connection refused: provably not sent, so retried up to maxAttempts, then ZixflowNetworkError not_sent', async () => {
      const port = await freePort();
      const service = await boot({ baseUrl: `http://127.0.0.1:${port}` });
      const outcome = await settle(service.send({ recipient: '919876543210', message: 'refused' }));
      expect(outcome.error).toBeInstanceOf(ZixflowNetworkError);
      expect(outcome.error).toMatchObject({
        code: 'NETWORK',
        causeCode: 'ECONNREFUSED',
        outcome: 'not_sent',
        request: { attempts: 3 },
      });
      expectNoSecrets(outcome.error, [API_KEY, WORKSPACE]);
      expect(simulator.requests).toHaveLength(0);
      expect(current.logger.lines.filter((l) => /retrying in/.test(l))).toHaveLength(2);
    });

    describe('retry: { unsafe: true } (opt-in: may send the SMS twice)', () => {
      it('500: retried and queued', async () => {
        simulator.failNext({ kind: 'status', status: 500 });
        const outcome = await sendOnce({ unsafe: true });
        expect(outcome.error).toBeUndefined();
        expect(simulator.requests).toHaveLength(2);
        expect(simulator.messages).toHaveLength(1);
        expect(simulator.messages[0].requestId).toBe(outcome.value?.requestId);
      });

      it('timeout before the response: retried, and the SMS goes out TWICE (this is why it is opt-in)', async () => {
        simulator.failNext({ kind: 'delay', ms: SLOW_MS });
        const outcome = await sendOnce({ unsafe: true });
        expect(outcome.error).toBeUndefined();
        await simulatorIdle();
        expect(simulator.requests).toHaveLength(2);
        const copies = simulator.messages.filter((m) => m.body.message === 'reliability');
        expect(copies).toHaveLength(2);
        expect(copies.map((m) => m.requestId)).toContain(outcome.value?.requestId);
      });
    });

    // Holds whatever the client sees (a send that times out on a busy machine is a ZixflowError too), so the
    // short timeout is safe here.
    it('the default policy never queues a message twice across the whole matrix', async () => {
      const service = await boot({ timeoutMs: SHORT_TIMEOUT_MS });
      for (const [i, { fault }] of [...failures, ...retried].entries()) {
        simulator.failNext(fault);
        const outcome = await settle(service.send({ recipient: '919876543210', message: `matrix ${i}` }));
        if (outcome.error !== undefined) expect(outcome.error).toBeInstanceOf(ZixflowError);
      }
      await simulatorIdle();
      expectNoDuplicates();
    });
  },
);
