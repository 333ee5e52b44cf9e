import { Inject, Injectable } from '@nestjs/common';
import { ZIXFLOW_QUEUE_RESOLVED_OPTIONS } from './zixflow-queue.constants';
import type { ZixflowQueueResolvedOptions } from './resolve-queue-options';
import { SmsJobQueue } from './sms-job.queue';
import { SmsJobLedgerBatcher, type LedgerClient } from './sms-job-ledger.batcher';

/** Registered on the queue's client under this name, once per client. */
const BEGIN_COMMAND = 'zixflowLedgerBegin';

/**
 * KEYS[1] the job's entry; ARGV[1] the `sending` entry, ARGV[2] its TTL in ms. An existing entry is returned
 * untouched; otherwise `sending` is written and nil returned. One round trip instead of GET then SET.
 */
const BEGIN_LUA = `local entry = redis.call('GET', KEYS[1])
if entry then return entry end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;

/** What the ledger knows of a job: its send started (`sending`) or Zixflow accepted it (`queued`). */
export type SmsJobLedgerEntry =
  { state: 'sending'; sendId: string } | { state: 'queued'; sendId: string; requestId: string };

/**
 * Crash safety: one Redis key per job, on the queue's connection, written `sending` before the HTTP call and
 * `queued` (with the requestId) after it. A job handed out again reads it to know whether its SMS may already
 * have gone. Keyed by job id, and kept `ledgerTtlMs` after the job's last write, so a job re-added under the
 * same id after BullMQ removed the completed one still finds its `queued` entry and sends nothing.
 * With `fastPaths.batchedLedger` (the default) its commands go through {@link SmsJobLedgerBatcher}, with the same
 * effects and answers; `false` sends each command on its own, as below.
 */
@Injectable()
export class SmsJobLedger {
  private readonly keyPrefix: string;
  /** Clients the begin script is registered on. */
  private readonly scripted = new WeakSet<object>();
  private readonly batcher: SmsJobLedgerBatcher | undefined;

  constructor(
    private readonly jobs: SmsJobQueue,
    @Inject(ZIXFLOW_QUEUE_RESOLVED_OPTIONS) private readonly options: ZixflowQueueResolvedOptions,
  ) {
    this.keyPrefix = `${options.prefix}:${options.queueName}:zixflow-ledger:`;
    if (options.fastPaths.batchedLedger) {
      this.batcher = new SmsJobLedgerBatcher(() => jobs.queue.backend.client, options.ledgerTtlMs);
    }
  }

  /** The Redis key of a job's entry, under the queue's own prefix (`<prefix>:<queueName>:`). */
  key(jobId: string): string {
    return this.keyPrefix + jobId;
  }

  /**
   * A send of the job is about to start: returns the job's entry if it has one (and writes nothing), else
   * records it `sending` under `sendId`, in one round trip.
   */
  async begin(jobId: string, sendId: string): Promise<SmsJobLedgerEntry | undefined> {
    const sending = JSON.stringify({ state: 'sending', sendId } satisfies SmsJobLedgerEntry);
    let raw: string | null;
    if (this.batcher !== undefined) {
      raw = await this.batcher.run('begin', this.key(jobId), sending);
    } else {
      const client = await this.jobs.queue.backend.client;
      this.defineBegin(client);
      raw = (await client.runCommand(BEGIN_COMMAND, [this.key(jobId), sending, this.options.ledgerTtlMs])) as
        string | null;
    }
    return raw === null ? undefined : (JSON.parse(raw) as SmsJobLedgerEntry);
  }

  async write(jobId: string, entry: SmsJobLedgerEntry): Promise<void> {
    if (this.batcher !== undefined) {
      await this.batcher.run('put', this.key(jobId), JSON.stringify(entry));
      return;
    }
    const client = await this.jobs.queue.backend.client;
    await client.set(this.key(jobId), JSON.stringify(entry), { PX: this.options.ledgerTtlMs });
  }

  /** Forgets a job's send that provably did not go out, so handing the job out again sends it. */
  async clear(jobId: string): Promise<void> {
    if (this.batcher !== undefined) {
      await this.batcher.run('clear', this.key(jobId));
      return;
    }
    const client = await this.jobs.queue.backend.client;
    await client.del(this.key(jobId));
  }

  private defineBegin(client: LedgerClient): void {
    if (this.scripted.has(client)) return;
    client.defineCommand(BEGIN_COMMAND, { numberOfKeys: 1, lua: BEGIN_LUA });
    this.scripted.add(client);
  }
}
