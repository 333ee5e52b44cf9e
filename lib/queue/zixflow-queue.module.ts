import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import {
  ConfigurableModuleClass,
  ZIXFLOW_QUEUE_MODULE_OPTIONS,
  type ZixflowQueueModuleAsyncOptions,
  type ZixflowQueueModuleForRootOptions,
} from './zixflow-queue.module-definition';
import type { ZixflowQueueModuleOptions } from './interfaces/zixflow-queue-module-options.interface';
import { ZIXFLOW_QUEUE_RESOLVED_OPTIONS, ZIXFLOW_QUEUE_SMS_SERVICE } from './zixflow-queue.constants';
import { getSmsServiceToken } from '../workspace/zixflow-workspace.tokens';
import { resolveQueueOptions } from './resolve-queue-options';
import { SmsJobQueue } from './sms-job.queue';
import { SmsJobLedger } from './sms-job.ledger';
import { SmsJobProcessor } from './sms-job.processor';
import { SmsQueueWorker } from './sms-queue.worker';
import { SmsQueue } from './sms-queue.service';

/** The providers of one registration, sending with the SmsService of `workspace` (undefined: the unnamed one). */
const queueProviders = (workspace: string | undefined): Provider[] => [
  { provide: ZIXFLOW_QUEUE_SMS_SERVICE, useExisting: getSmsServiceToken(workspace) },
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
 * `ZixflowModule` with `isGlobal: true`), or with the top-level `workspace`, that named instance's. Instances with `worker: true` (the default) also process the jobs:
 * they send through `SmsService`, so the same transport, events and store apply.
 */
@Module({})
export class ZixflowQueueModule extends ConfigurableModuleClass {
  /** Registers the module with options given in code (checked at boot). */
  static forRoot(options: ZixflowQueueModuleForRootOptions): DynamicModule {
    return ZixflowQueueModule.withProviders(super.forRoot(options), options.workspace);
  }

  /** Registers the module with options from a factory, a class or an existing provider. */
  static forRootAsync(options: ZixflowQueueModuleAsyncOptions): DynamicModule {
    return ZixflowQueueModule.withProviders(super.forRootAsync(options), options.workspace);
  }

  private static withProviders(definition: DynamicModule, workspace: string | undefined): DynamicModule {
    return {
      ...definition,
      providers: [...(definition.providers ?? []), ...queueProviders(workspace)],
      exports: [...(definition.exports ?? []), SmsQueue],
    };
  }
}
