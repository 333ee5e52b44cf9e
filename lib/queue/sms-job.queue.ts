import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ZIXFLOW_QUEUE_BULL_QUEUE } from './zixflow-queue.constants';
import type { SmsJobData, SmsJobResult } from './interfaces/sms-job.interface';

/**
 * The BullMQ Queue of this registration (enqueue, counts, the ledger's connection, the queue-wide rate limit):
 * the one `BullModule.registerQueueAsync` provides under `getQueueToken(queueName)`. @nestjs/bullmq closes it at
 * `onApplicationShutdown`, after SmsQueueWorker closed the worker in `beforeApplicationShutdown`: the worker's
 * jobs write their ledger through it until then.
 */
@Injectable()
export class SmsJobQueue {
  constructor(@Inject(ZIXFLOW_QUEUE_BULL_QUEUE) readonly queue: Queue<SmsJobData, SmsJobResult>) {}
}
