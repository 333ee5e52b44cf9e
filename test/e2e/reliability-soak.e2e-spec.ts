import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { SmsService, ZixflowError, ZixflowValidationError, type SendSmsInput } from '../../lib';
import type { SimulatorFault } from '../../lib/testing';
import { CaptureLogger } from '../utils/capture-logger';
import { expectNoSecrets } from '../utils/expect-no-secrets';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_soak_SECRET_never_shown_1234';
const WORKSPACE = 'ws_soak_private_5678';
const N = Number(process.env.SOAK_N ?? 10_000);
const CONCURRENCY = 64;
const FAULT_RATE = Number(process.env.SOAK_FAULT_RATE ?? 0.2);
/** Reproduce a failing run with SOAK_SEED=<the seed it logged>. */
const SEED = Number(process.env.SOAK_SEED ?? 0x5eed);
/** Room enough for a send among 64 on a busy machine, so only a slow fault makes one time out. */
const TIMEOUT_MS = 2000;
/** Longer than TIMEOUT_MS: the client's timer starts first and ends first, whatever the load. */
const SLOW_MS = 2400;

/** mulberry32: tiny, fast, seedable; enough to make a fault sequence reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The fault list of reliability.e2e-spec.ts, minus connection refused (a whole-host condition, not per request). */
const FAULTS: readonly SimulatorFault[] = [
  { kind: 'status', status: 429, retryAfter: '1' },
  { kind: 'status', status: 429 },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 502 },
  { kind: 'status', status: 503 },
  { kind: 'delay', ms: SLOW_MS },
  { kind: 'stall-after-headers', ms: SLOW_MS },
  { kind: 'reset-before-body' },
  { kind: 'reset-after-body' },
  { kind: 'malformed' },
  { kind: 'success-false' },
];
/** The simulator consumes one queued fault per request: a zero delay is "no fault" and keeps the sequence aligned. */
const NO_FAULT: SimulatorFault = { kind: 'delay', ms: 0 };

describe(`Reliability soak: ${N} sends, concurrency ${CONCURRENCY}, ${FAULT_RATE * 100}% seeded faults`, () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  let app: INestApplication;
  let logger: CaptureLogger;

  beforeAll(async () => {
    logger = new CaptureLogger();
    app = await createZixflowTestApp(simulator, { timeoutMs: TIMEOUT_MS }, { logger });
    // Warm-up: in a cold jest process the first burst of 64 concurrent sends ramps to ~1 s (lazy module loading,
    // JIT, 64 new sockets), which would add timeouts that have nothing to do with the injected faults.
    const warmUp = Array.from({ length: CONCURRENCY }, (_, i) => ({
      recipient: '919876543210',
      message: `warm-up ${i}`,
    }));
    await app.get(SmsService).sendMany(warmUp, { concurrency: CONCURRENCY, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await app.close();
  });

  it('every send settles, none is queued twice, every failure is typed, and no secret leaks', async () => {
    const random = mulberry32(SEED);
    // Faults are queued per request in arrival order; retries consume entries too, hence the margin.
    const planned: Record<string, number> = {};
    for (let i = 0; i < Math.ceil(N * 1.2); i++) {
      const fault: SimulatorFault =
        random() < FAULT_RATE ? FAULTS[Math.floor(random() * FAULTS.length)] : NO_FAULT;
      const name = fault.kind + ('status' in fault ? fault.status : '');
      if (fault !== NO_FAULT) planned[name] = (planned[name] ?? 0) + 1;
      simulator.failNext(fault);
    }
    function* inputs(): Generator<SendSmsInput> {
      for (let i = 0; i < N; i++) {
        yield { recipient: `91${String(9_000_000_000 + i)}`, message: `soak #${i}` };
      }
    }

    const started = performance.now();
    const results = await app.get(SmsService).sendMany(inputs(), { concurrency: CONCURRENCY });
    const elapsedMs = performance.now() - started;

    // Settled: one result per input, in order.
    expect(results).toHaveLength(N);
    results.forEach((r, i) => expect(r.index).toBe(i));

    // No message queued twice under the default policy (each input has a unique text).
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS + 100)); // delayed exchanges queue late
    const messages = simulator.messages;
    const copies = new Map<unknown, number>();
    for (const m of messages) copies.set(m.body.message, (copies.get(m.body.message) ?? 0) + 1);
    const duplicated = [...copies].filter(([, n]) => n > 1);
    expect(duplicated).toEqual([]);

    // The converse: an SMS that went out belongs to a 'queued' result with its request id, or to a failure that
    // says its outcome is unknown. Never to one that claims `not_sent` (the caller would resend it).
    for (const m of messages) {
      const index = Number(String(m.body.message).slice('soak #'.length));
      const r = results[index];
      if (r.status === 'queued') expect(r.requestId).toBe(m.requestId);
      else expect(r.error).toHaveProperty('outcome', 'unknown');
    }

    // Every queued result is a message the simulator holds, for that very input.
    const status = { queued: 0, failed: 0, invalid: 0 };
    const byCode: Record<string, number> = {};
    for (const r of results) {
      status[r.status]++;
      if (r.status === 'queued') {
        expect(simulator.message(r.requestId)?.body.message).toBe(`soak #${r.index}`);
        continue;
      }
      expect(r.error).toBeInstanceOf(ZixflowError);
      expect(r.error).not.toBeInstanceOf(ZixflowValidationError);
      const key = `${r.error.code}${'outcome' in r.error ? `/${String(r.error.outcome)}` : ''}`;
      byCode[key] = (byCode[key] ?? 0) + 1;
      expectNoSecrets(r.error, [API_KEY, WORKSPACE]);
    }
    console.log(
      `soak seed=${SEED} n=${N} in ${Math.round(elapsedMs)} ms; requests=${simulator.requests.length} ` +
        `messages=${messages.length}; results ${JSON.stringify(status)}; failures ${JSON.stringify(byCode)}; ` +
        `planned faults ${JSON.stringify(planned)}`,
    );
    expect(status.invalid).toBe(0);
    // Failures the SMS may have survived (timeouts, resets after the body) are queued but not 'queued'.
    expect(status.failed).toBeGreaterThan(0);
    expect(status.failed).toBeLessThan(N * FAULT_RATE);
    expectNoSecrets(logger.text, [API_KEY, WORKSPACE]);
  }, 90_000);
});
