import { Inject, Injectable } from '@nestjs/common';
import { ZIXFLOW_QUEUE_RESOLVED_OPTIONS } from './zixflow-queue.constants';
import type { ZixflowQueueResolvedOptions } from './resolve-queue-options';
import { SmsJobQueue } from './sms-job.queue';

/** What the ledger knows of a job: its send started (`sending`) or Zixflow accepted it (`queued`). */
export type SmsJobLedgerEntry =
  { state: 'sending'; sendId: string } | { state: 'queued'; sendId: string; requestId: string };

/**
 * Crash safety: one Redis key per job, on the queue's connection, written `sending` before the HTTP call and
 * `queued` (with the requestId) after it. A job handed out again reads it to know whether its SMS may already
 * have gone. Keyed by job id, and kept `ledgerTtlMs` after the job's last write, so a job re-added under the
 * same id after BullMQ removed the completed one still finds its `queued` entry and sends nothing.
 */
@Injectable()
export class SmsJobLedger {
  private readonly keyPrefix: string;

  constructor(
    private readonly jobs: SmsJobQueue,
    @Inject(ZIXFLOW_QUEUE_RESOLVED_OPTIONS) private readonly options: ZixflowQueueResolvedOptions,
  ) {
    this.keyPrefix = `${options.prefix}:${options.queueName}:zixflow-ledger:`;
  }

  /** The Redis key of a job's entry, under the queue's own prefix (`<prefix>:<queueName>:`). */
  key(jobId: string): string {
    return this.keyPrefix + jobId;
  }

  async read(jobId: string): Promise<SmsJobLedgerEntry | undefined> {
    const client = await this.jobs.queue.backend.client;
    const raw = await client.get(this.key(jobId));
    return raw === null ? undefined : (JSON.parse(raw) as SmsJobLedgerEntry);
  }

  async write(jobId: string, entry: SmsJobLedgerEntry): Promise<void> {
    const client = await this.jobs.queue.backend.client;
    await client.set(this.key(jobId), JSON.stringify(entry), { PX: this.options.ledgerTtlMs });
  }

  /** Forgets a job's send that provably did not go out, so handing the job out again sends it. */
  async clear(jobId: string): Promise<void> {
    const client = await this.jobs.queue.backend.client;
    await client.del(this.key(jobId));
  }
}
