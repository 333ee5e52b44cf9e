import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { SmsJobData, SmsJobResult } from '../../lib/queue';
import { resolveQueueOptions } from '../../lib/queue/resolve-queue-options';
import { SmsJobQueue } from '../../lib/queue/sms-job.queue';
import { SmsJobLedger, type SmsJobLedgerEntry } from '../../lib/queue/sms-job.ledger';
import { REDIS_URL, requireRedis } from '../utils/redis';
import { randomQueueName, removeQueue } from './queue-test-app';

/**
 * `fastPaths.batchedLedger` held to its plain twin: the same programs of ledger commands, run against real Redis
 * by a ledger with the fast path (commands of one event-loop turn sent as one script call) and one without (one
 * command each), give the same answer to every command and leave the same entries behind.
 */

const TTL_MS = 60_000;
const JOB_IDS = ['a', 'b', 'c', 'order-7', 'x:y'];

type Command =
  | { op: 'begin'; jobId: string; sendId: string }
  | { op: 'write'; jobId: string; entry: SmsJobLedgerEntry }
  | { op: 'clear'; jobId: string };

/** A deterministic generator, so a failing seed replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Waves of commands; the commands of one wave are issued together (same turn, so batched together), as jobs of
 * one worker do; the same job may appear twice in one wave (a job handed out again while its first run goes on).
 */
function program(seed: number): Command[][] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const waves: Command[][] = [];
  for (let w = 0; w < 12; w++) {
    const wave: Command[] = [];
    const size = 1 + Math.floor(next() * 8);
    for (let i = 0; i < size; i++) {
      const jobId = pick(JOB_IDS);
      const sendId = `send-${Math.floor(next() * 4)}`;
      const roll = next();
      if (roll < 0.5) wave.push({ op: 'begin', jobId, sendId });
      else if (roll < 0.7) wave.push({ op: 'write', jobId, entry: { state: 'sending', sendId } });
      else if (roll < 0.9) {
        wave.push({ op: 'write', jobId, entry: { state: 'queued', sendId, requestId: `req-${w}-${i}` } });
      } else wave.push({ op: 'clear', jobId });
    }
    waves.push(wave);
  }
  return waves;
}

interface Ledger {
  ledger: SmsJobLedger;
  jobs: SmsJobQueue;
  queueName: string;
}

function ledger(batchedLedger: boolean): Ledger {
  const queueName = randomQueueName(batchedLedger ? 'ledger-fast' : 'ledger-plain');
  const options = resolveQueueOptions(
    { connection: { url: REDIS_URL }, ledgerTtlMs: TTL_MS, fastPaths: { batchedLedger } },
    queueName,
  );
  const jobs = new SmsJobQueue(
    new Queue<SmsJobData, SmsJobResult>(queueName, { connection: options.connection }),
  );
  return { ledger: new SmsJobLedger(jobs, options), jobs, queueName };
}

function run(ledger: SmsJobLedger, command: Command): Promise<unknown> {
  if (command.op === 'begin') return ledger.begin(command.jobId, command.sendId);
  if (command.op === 'write') return ledger.write(command.jobId, command.entry);
  return ledger.clear(command.jobId);
}

describe('SmsJobLedger fast path (fastPaths.batchedLedger) against one command each', () => {
  let redis: Redis;
  const ledgers: Ledger[] = [];

  beforeAll(async () => {
    await requireRedis();
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const { jobs, queueName } of ledgers) {
      await jobs.queue.close();
      await removeQueue(queueName);
    }
    redis.disconnect();
  });

  /** Every entry a ledger holds, by job id, with whether it carries a TTL no longer than the option's. */
  async function entries({
    ledger,
  }: Ledger): Promise<Record<string, { value: string | null; ttl: boolean }>> {
    const out: Record<string, { value: string | null; ttl: boolean }> = {};
    for (const jobId of JOB_IDS) {
      const key = ledger.key(jobId);
      const [value, pttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
      out[jobId] = { value, ttl: value === null || (pttl > 0 && pttl <= TTL_MS) };
    }
    return out;
  }

  it.each(Array.from({ length: 40 }, (_, seed) => seed))(
    'program %i: same answers, same entries',
    async (seed) => {
      const fast = ledger(true);
      const plain = ledger(false);
      ledgers.push(fast, plain);
      for (const wave of program(seed)) {
        // Both issue the wave's commands in the same order, all before any answer comes back.
        const [fastAnswers, plainAnswers] = await Promise.all(
          [fast, plain].map(({ ledger }) => Promise.all(wave.map((command) => run(ledger, command)))),
        );
        expect(fastAnswers).toEqual(plainAnswers);
        expect(await entries(fast)).toEqual(await entries(plain));
      }
    },
  );

  it('answers begin with the entry it finds, and writes `sending` only where there is none', async () => {
    const fast = ledger(true);
    ledgers.push(fast);
    await fast.ledger.write('a', { state: 'queued', sendId: 's1', requestId: 'r1' });
    const answers = await Promise.all([
      fast.ledger.begin('a', 's2'),
      fast.ledger.begin('b', 's3'),
      fast.ledger.begin('b', 's4'),
    ]);
    expect(answers).toEqual([
      { state: 'queued', sendId: 's1', requestId: 'r1' },
      undefined,
      { state: 'sending', sendId: 's3' },
    ]);
  });

  it('a command Redis refuses fails alone, the others of its batch take effect, as with one command each', async () => {
    const fast = ledger(true);
    const plain = ledger(false);
    ledgers.push(fast, plain);
    const outcomes = [];
    for (const { ledger } of [fast, plain]) {
      // Not a string: GET answers WRONGTYPE.
      await redis.hset(ledger.key('c'), 'not', 'an entry');
      const results = await Promise.allSettled([
        ledger.begin('a', 's1'),
        ledger.begin('c', 's2'),
        ledger.write('b', { state: 'queued', sendId: 's3', requestId: 'r3' }),
      ]);
      outcomes.push({
        results: results.map((result) =>
          result.status === 'fulfilled'
            ? result
            : { status: result.status, wrongType: /WRONGTYPE/.test(String(result.reason)) },
        ),
        a: await redis.get(ledger.key('a')),
        b: await redis.get(ledger.key('b')),
      });
    }
    expect(outcomes[0]).toEqual({
      results: [
        { status: 'fulfilled', value: undefined },
        { status: 'rejected', wrongType: true },
        { status: 'fulfilled', value: undefined },
      ],
      a: JSON.stringify({ state: 'sending', sendId: 's1' }),
      b: JSON.stringify({ state: 'queued', sendId: 's3', requestId: 'r3' }),
    });
    expect(outcomes[1]).toEqual(outcomes[0]);
  });

  it('rejects every command of a batch when Redis cannot take it, as each command would alone', async () => {
    const fast = ledger(true);
    const plain = ledger(false);
    await Promise.all([fast.jobs.queue.close(), plain.jobs.queue.close()]);
    for (const { ledger } of [fast, plain]) {
      const results = await Promise.allSettled([
        ledger.begin('a', 's1'),
        ledger.write('b', { state: 'sending', sendId: 's2' }),
        ledger.clear('c'),
      ]);
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    }
  });
});
