/**
 * `nestjs-zixflow/queue`: durable, globally rate-limited sending on BullMQ (`ZixflowQueueModule`, `SmsQueue`,
 * `ZixflowQueueEvent`), built on `@nestjs/bullmq`. Requires the optional peers `bullmq`, `@nestjs/bullmq` and
 * `ioredis`, which only this entry point loads.
 *
 * @packageDocumentation
 */
import './bullmq-peer.check';

export { ZixflowQueueModule } from './zixflow-queue.module';
export type {
  ZixflowQueueModuleExtras,
  ZixflowQueueModuleForRootOptions,
  ZixflowQueueModuleAsyncOptions,
  ZixflowQueueOptionsFactory,
} from './zixflow-queue.module-definition';
export type {
  ZixflowQueueModuleOptions,
  ZixflowQueueLimiter,
  ZixflowQueueRedelivery,
  ZixflowQueueFastPathOptions,
} from './interfaces/zixflow-queue-module-options.interface';
export { SmsQueue } from './sms-queue.service';
export type {
  EnqueueSmsOptions,
  EnqueueManyOptions,
  EnqueueManyProgress,
  EnqueueManyResult,
  EnqueueManyInvalidItem,
  SmsQueueCounts,
} from './interfaces/enqueue-options.interface';
export type {
  SmsJobData,
  SmsJobResult,
  SmsJobQueuedResult,
  SmsJobUnknownResult,
} from './interfaces/sms-job.interface';
export { ZixflowQueueEvent } from './events/zixflow-queue-event';
export { SmsJobCompletedEvent } from './events/sms-job-completed.event';
export { SmsJobFailedEvent } from './events/sms-job-failed.event';
export { SmsJobUnknownEvent } from './events/sms-job-unknown.event';
