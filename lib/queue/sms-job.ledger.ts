import { Inject, Injectable } from '@nestjs/common';
import { ZIXFLOW_QUEUE_RESOLVED_OPTIONS } from './zixflow-queue.constants';
import type { ZixflowQueueResolvedOptions } from './resolve-queue-options';
import { SmsJobQueue } from './sms-job.queue';
import { SmsJobLedgerBatcher } from './sms-job-ledger.batcher';
import { SmsJobLedgerCommands, type LedgerCommands } from './sms-job-ledger.commands';

/** What the ledger knows of a job: its send started (`sending`) or Zixflow accepted it (`queued`). */
export type SmsJobLedgerEntry =
  { state: 'sending'; sendId: string } | { state: 'queued'; sendId: string; requestId: string };

/**
 * Crash safety: one Redis key per job, on the queue's connection, written `sending` before the HTTP call and
 * `queued` (with the requestId) after it. A job handed out again reads it to know whether its SMS may already
 * have gone. Keyed by job id, and kept `ledgerTtlMs` after the job's last write, so a job re-added under the
 * same id after BullMQ removed the completed one still finds its `queued` entry and sends nothing.
 * With `fastPaths.batchedLedger` (the default) its commands go through {@link SmsJobLedgerBatcher}, with the same
 * effects and answers; `false` sends each command on its own ({@link SmsJobLedgerCommands}).
 */
@Injectable()
export class SmsJobLedger {
  private readonly keyPrefix: string;
  private readonly commands: LedgerCommands;

  constructor(
    jobs: SmsJobQueue,
    @Inject(ZIXFLOW_QUEUE_RESOLVED_OPTIONS) options: ZixflowQueueResolvedOptions,
  ) {
    this.keyPrefix = `${options.prefix}:${options.queueName}:zixflow-ledger:`;
    const client = () => jobs.queue.backend.client;
    this.commands = options.fastPaths.batchedLedger
      ? new SmsJobLedgerBatcher(client, options.ledgerTtlMs)
      : new SmsJobLedgerCommands(client, options.ledgerTtlMs);
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
    const raw = await this.commands.run('begin', this.key(jobId), sending);
    return raw === null ? undefined : (JSON.parse(raw) as SmsJobLedgerEntry);
  }

  async write(jobId: string, entry: SmsJobLedgerEntry): Promise<void> {
    await this.commands.run('put', this.key(jobId), JSON.stringify(entry));
  }

  /** Forgets a job's send that provably did not go out, so handing the job out again sends it. */
  async clear(jobId: string): Promise<void> {
    await this.commands.run('clear', this.key(jobId));
  }
}
