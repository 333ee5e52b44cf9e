import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import {
  ConfigurableModuleClass,
  ZIXFLOW_QUEUE_MODULE_OPTIONS,
  type ZixflowQueueModuleAsyncOptions,
  type ZixflowQueueModuleForRootOptions,
} from './zixflow-queue.module-definition';
import type { ZixflowQueueModuleOptions } from './interfaces/zixflow-queue-module-options.interface';
import { ZIXFLOW_QUEUE_RESOLVED_OPTIONS } from './zixflow-queue.constants';
import { resolveQueueOptions } from './resolve-queue-options';
import { SmsJobQueue } from './sms-job.queue';
import { SmsJobLedger } from './sms-job.ledger';
import { SmsJobProcessor } from './sms-job.processor';
import { SmsQueueWorker } from './sms-queue.worker';
import { SmsQueue } from './sms-queue.service';

const queueProviders: Provider[] = [
  {
    provide: ZIXFLOW_QUEUE_RESOLVED_OPTIONS,
    useFactory: (options: ZixflowQueueModuleOptions) => resolveQueueOptions(options),
    inject: [ZIXFLOW_QUEUE_MODULE_OPTIONS],
  },
  SmsJobQueue,
  SmsJobLedger,
  SmsJobProcessor,
  SmsQueueWorker,
  SmsQueue,
];

/**
 * Durable, globally rate-limited sending on BullMQ: `ZixflowQueueModule.forRoot({ connection, ... })` or
 * `forRootAsync({ imports, inject, useFactory })` provides `SmsQueue`. Needs `SmsService` visible (import
 * `ZixflowModule` with `isGlobal: true`). Instances with `worker: true` (the default) also process the jobs:
 * they send through `SmsService`, so the same transport, events and store apply.
 */
@Module({})
export class ZixflowQueueModule extends ConfigurableModuleClass {
  /** Registers the module with options given in code (checked at boot). */
  static forRoot(options: ZixflowQueueModuleForRootOptions): DynamicModule {
    return ZixflowQueueModule.withProviders(super.forRoot(options));
  }

  /** Registers the module with options from a factory, a class or an existing provider. */
  static forRootAsync(options: ZixflowQueueModuleAsyncOptions): DynamicModule {
    return ZixflowQueueModule.withProviders(super.forRootAsync(options));
  }

  private static withProviders(definition: DynamicModule): DynamicModule {
    return {
      ...definition,
      providers: [...(definition.providers ?? []), ...queueProviders],
      exports: [...(definition.exports ?? []), SmsQueue],
    };
  }
}
