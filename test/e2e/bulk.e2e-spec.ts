import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  SmsService,
  ZixflowAbortedError,
  ZixflowApiError,
  ZixflowBulkAbortedError,
  ZixflowValidationError,
  type BulkSendItemResult,
  type BulkSendProgress,
  type SendSmsInput,
  type ZixflowModuleOptions,
} from '../../lib';
import { useAppPerTest } from '../utils/app-per-test';
import { expectNoSecrets } from '../utils/expect-no-secrets';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_bulk_SECRET_never_shown_1234';
const WORKSPACE = 'ws_bulk_private_5678';

function sms(i: number): SendSmsInput {
  return { recipient: `9198765${String(i).padStart(5, '0')}`, message: `bulk #${i}` };
}

/** A sync iterator that counts pulls and records whether return() was called. */
class CountingInput implements IterableIterator<SendSmsInput> {
  pulled = 0;
  returned = 0;
  constructor(private readonly size: number = Number.POSITIVE_INFINITY) {}
  [Symbol.iterator](): this {
    return this;
  }
  next(): IteratorResult<SendSmsInput> {
    if (this.pulled >= this.size) return { done: true, value: undefined };
    return { done: false, value: sms(this.pulled++) };
  }
  return(): IteratorResult<SendSmsInput> {
    this.returned++;
    return { done: true, value: undefined };
  }
}

describe('SmsService.sendMany / streamMany (simulator)', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  const current = useAppPerTest((logger) => expectNoSecrets(logger.text, [API_KEY, WORKSPACE]));
  let sms$: SmsService;

  beforeEach(() => boot());

  async function boot(extra: Partial<ZixflowModuleOptions> = {}): Promise<void> {
    current.app = await createZixflowTestApp(
      simulator,
      { timeoutMs: 2000, ...extra },
      { logger: current.logger },
    );
    sms$ = current.app.get(SmsService);
  }

  function textOf(requestId: string): unknown {
    return simulator.message(requestId)?.body.message;
  }

  it('resolves one result per item, ordered by input index, although they complete out of order', async () => {
    // The first three requests to arrive are slow, so later items finish first.
    simulator.failNext({ kind: 'delay', ms: 150 }, 3);
    const inputs = Array.from({ length: 30 }, (_, i) => sms(i));
    const results = await sms$.sendMany(inputs, { concurrency: 8 });

    expect(results).toHaveLength(30);
    results.forEach((result, i) => {
      expect(result.index).toBe(i);
      expect(result.status).toBe('queued');
      if (result.status !== 'queued') return;
      expect(textOf(result.requestId)).toBe(`bulk #${i}`);
      expect(result.recipient).toBe(`9198******${String(i).padStart(5, '0').slice(-2)}`);
      expect(result).not.toHaveProperty('input');
    });
    expect(simulator.messages).toHaveLength(30);
  });

  it('streamMany yields results as they complete, each with its index', async () => {
    simulator.failNext({ kind: 'delay', ms: 200 });
    const order: number[] = [];
    for await (const r of sms$.streamMany([sms(0), sms(1), sms(2), sms(3)], { concurrency: 4 }))
      order.push(r.index);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    // Item 0 got the slow answer (it was sent first), so it is yielded last.
    expect(order[3]).toBe(0);
  });

  it('reports invalid items without sending them, failed items with their typed error, and counts progress', async () => {
    simulator.failNext({ kind: 'status', status: 500, message: 'boom' });
    const inputs: SendSmsInput[] = [
      sms(0),
      { recipient: '12', message: 'bad' },
      sms(2),
      { recipient: '919876543210', message: '' },
      sms(4),
    ];
    const progress: BulkSendProgress[] = [];
    const results = await sms$.sendMany(inputs, { concurrency: 1, onProgress: (p) => progress.push(p) });

    expect(results.map((r) => r.status)).toEqual(['failed', 'invalid', 'queued', 'invalid', 'queued']);
    const failed = results[0] as Extract<BulkSendItemResult, { status: 'failed' | 'invalid' }>;
    expect(failed.error).toBeInstanceOf(ZixflowApiError);
    expect(failed.error).toMatchObject({ code: 'API_ERROR', status: 500 });
    expect((results[1] as { error: unknown }).error).toBeInstanceOf(ZixflowValidationError);
    // Only the three valid items reached the API.
    expect(simulator.requests).toHaveLength(3);
    expect(progress).toHaveLength(5);
    expect(progress.at(-1)).toEqual({ sent: 2, failed: 1, invalid: 2, total: 5 });
    expect(progress.map((p) => p.sent + p.failed + p.invalid)).toEqual([1, 2, 3, 4, 5]);
  });

  it('knows total for arrays and numeric length/size, not for generators', async () => {
    const last = async (inputs: Iterable<SendSmsInput> | AsyncIterable<SendSmsInput>) => {
      let seen: BulkSendProgress | undefined;
      await sms$.sendMany(inputs, { onProgress: (p) => (seen = p) });
      return seen;
    };
    expect(await last(new Set([sms(0), sms(1)]))).toEqual({ sent: 2, failed: 0, invalid: 0, total: 2 });
    const withLength = {
      length: 1,
      *[Symbol.iterator]() {
        yield sms(0);
      },
    };
    expect(await last(withLength)).toHaveProperty('total', 1);
    expect(
      await last(
        (async function* () {
          yield sms(0);
        })(),
      ),
    ).toEqual({ sent: 1, failed: 0, invalid: 0 });
  });

  it('never has more than `concurrency` sends in flight and pulls only when a slot is free', async () => {
    simulator.setDefaultLatency(20);
    const input = new CountingInput(40);
    let settled = 0;
    let maxStarted = 0;
    const results = await sms$.sendMany(input, {
      concurrency: 5,
      onProgress: () => {
        // pulled - settled = sends started and not yet settled (this one included).
        maxStarted = Math.max(maxStarted, input.pulled - settled);
        settled++;
      },
    });
    expect(results).toHaveLength(40);
    expect(settled).toBe(40);
    expect(maxStarted).toBeLessThanOrEqual(5);
    expect(input.returned).toBe(0); // exhausted on its own: return() is not called
  });

  it('streamMany applies backpressure: a slow consumer stops the pulling', async () => {
    const input = new CountingInput();
    let consumed = 0;
    for await (const _ of sms$.streamMany(input, { concurrency: 4 })) {
      consumed++;
      if (consumed === 1) await sleep(300); // every in-flight send finishes meanwhile
      if (consumed === 3) break;
    }
    // At most: consumed + 4 in flight + (4 + 1) waiting results, never the endless input.
    expect(input.pulled).toBeLessThanOrEqual(3 + 4 + 5);
    expect(input.returned).toBe(1);
  });

  it('early break calls the input return(), waits for sends in flight and pulls nothing more', async () => {
    simulator.setDefaultLatency(50);
    let finalized = false;
    let pulled = 0;
    async function* source(): AsyncGenerator<SendSmsInput> {
      try {
        for (let i = 0; ; i++) {
          pulled++;
          yield sms(i);
        }
      } finally {
        finalized = true;
      }
    }
    let settled = 0;
    for await (const r of sms$.streamMany(source(), { concurrency: 3, onProgress: () => settled++ })) {
      expect(r.status).toBe('queued');
      break;
    }
    expect(finalized).toBe(true);
    // Every send that started has settled before the loop exited.
    expect(settled).toBe(simulator.requests.length);
    const requests = simulator.requests.length;
    await sleep(150);
    expect(simulator.requests).toHaveLength(requests);
    expect(pulled).toBeLessThanOrEqual(3 + 1);
  });

  it('abort: stops pulling, in-flight sends abort too, and rejects with the results of every started item', async () => {
    simulator.setDefaultLatency(100);
    const input = new CountingInput();
    const controller = new AbortController();
    let settled = 0;
    const run = sms$.sendMany(input, {
      concurrency: 4,
      signal: controller.signal,
      onProgress: () => {
        if (++settled === 6) controller.abort();
      },
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZixflowBulkAbortedError);
    expect(error).toBeInstanceOf(ZixflowAbortedError);
    expect(error).toMatchObject({ code: 'ABORTED', outcome: 'not_sent' });
    const { results } = error as ZixflowBulkAbortedError;
    expect(results).toHaveLength(input.pulled);
    expect(results.every((r, i) => r.index === i)).toBe(true);
    // Six settled before the abort; a send whose answer was already on its way may still end queued.
    const queued = results.filter((r) => r.status === 'queued');
    const cut = results.filter((r) => r.status !== 'queued');
    expect(queued.length).toBeGreaterThanOrEqual(6);
    expect(cut.length).toBeGreaterThanOrEqual(1);
    // The sends cut short carry their own ZixflowAbortedError.
    for (const r of cut)
      expect(r).toMatchObject({ status: 'failed', error: expect.any(ZixflowAbortedError) });
    expect(input.returned).toBe(1);
    expect(JSON.stringify(error)).not.toContain('requestId'); // results stay out of logs
    const requests = simulator.requests.length;
    await sleep(150);
    expect(simulator.requests).toHaveLength(requests);
  });

  it('abort: streamMany yields what completed, then throws ZixflowAbortedError', async () => {
    simulator.setDefaultLatency(50);
    const controller = new AbortController();
    const seen: BulkSendItemResult[] = [];
    const error = await (async () => {
      for await (const r of sms$.streamMany(new CountingInput(), {
        concurrency: 2,
        signal: controller.signal,
      })) {
        seen.push(r);
        if (seen.length === 2) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZixflowAbortedError);
    expect(error).not.toBeInstanceOf(ZixflowBulkAbortedError);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.slice(2).every((r) => r.status === 'failed')).toBe(true);
  });

  it('an already-aborted signal pulls nothing, sends nothing and still closes the input', async () => {
    const input = new CountingInput(10);
    const error = await sms$.sendMany(input, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZixflowBulkAbortedError);
    expect((error as ZixflowBulkAbortedError).results).toEqual([]);
    expect(input.pulled).toBe(0);
    expect(input.returned).toBe(1);
    expect(simulator.requests).toHaveLength(0);
  });

  it('an input iterator that throws rejects the call with its own error, after the sends in flight settled', async () => {
    simulator.setDefaultLatency(100);
    const boom = new Error('source broke');
    async function* source(): AsyncGenerator<SendSmsInput> {
      for (let i = 0; i < 5; i++) yield sms(i);
      throw boom;
    }
    let settled = 0;
    const error = await sms$
      .sendMany(source(), { concurrency: 8, onProgress: () => settled++ })
      .catch((e: unknown) => e);
    expect(error).toBe(boom);
    expect(settled).toBe(5);
    expect(simulator.messages).toHaveLength(5);
  });

  it('a synchronous iterator that throws is handled the same way', async () => {
    const boom = new Error('sync source broke');
    function* source(): Generator<SendSmsInput> {
      yield sms(0);
      throw boom;
    }
    await expect(sms$.sendMany(source())).rejects.toBe(boom);
  });

  it('an onProgress that throws stops the run like an input error', async () => {
    const input = new CountingInput(50);
    const boom = new Error('progress broke');
    await expect(
      sms$.sendMany(input, {
        concurrency: 2,
        onProgress: () => {
          throw boom;
        },
      }),
    ).rejects.toBe(boom);
    expect(input.pulled).toBeLessThanOrEqual(3);
    expect(input.returned).toBe(1);
  });

  it('rejects a bad concurrency and nothing is pulled', async () => {
    const input = new CountingInput(3);
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      await expect(sms$.sendMany(input, { concurrency })).rejects.toBeInstanceOf(ZixflowValidationError);
    }
    expect(input.pulled).toBe(0);
  });

  it('is lazy: streamMany sends nothing until iterated', async () => {
    const input = new CountingInput(3);
    const stream = sms$.streamMany(input);
    await sleep(20);
    expect(input.pulled).toBe(0);
    const results: BulkSendItemResult[] = [];
    for await (const r of stream) results.push(r);
    expect(results).toHaveLength(3);
  });
});
