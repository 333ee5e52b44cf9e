import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ZIXFLOW_QUEUE_RESOLVED_OPTIONS } from './zixflow-queue.constants';
import type { ZixflowQueueResolvedOptions } from './resolve-queue-options';
import type { SmsJobData, SmsJobResult } from './interfaces/sms-job.interface';

/**
 * The BullMQ Queue of this instance (enqueue, counts, the ledger's connection, the queue-wide rate limit).
 * Closed last at shutdown, after the worker, whose jobs write their ledger through it.
 */
@Injectable()
export class SmsJobQueue implements OnApplicationShutdown {
  readonly queue: Queue<SmsJobData, SmsJobResult>;

  constructor(@Inject(ZIXFLOW_QUEUE_RESOLVED_OPTIONS) options: ZixflowQueueResolvedOptions) {
    this.queue = new Queue<SmsJobData, SmsJobResult>(options.queueName, {
      connection: options.connection,
      prefix: options.prefix,
    });
    // A Queue without an error listener would crash the process on a Redis hiccup; commands still reject.
    this.queue.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
