import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import {
  ConfigurableModuleClass,
  ZIXFLOW_QUEUE_MODULE_OPTIONS,
  type ZixflowQueueModuleAsyncOptions,
  type ZixflowQueueModuleExtras,
  type ZixflowQueueModuleForRootOptions,
} from './zixflow-queue.module-definition';
import type { ZixflowQueueModuleOptions } from './interfaces/zixflow-queue-module-options.interface';
import {
  DEFAULT_QUEUE_NAME,
  ZIXFLOW_QUEUE_BULL_QUEUE,
  ZIXFLOW_QUEUE_NAME,
  ZIXFLOW_QUEUE_RESOLVED_OPTIONS,
  ZIXFLOW_QUEUE_SMS_SERVICE,
} from './zixflow-queue.constants';
import { getSmsServiceToken } from '../workspace/zixflow-workspace.tokens';
import { resolveQueueOptions } from './resolve-queue-options';
import { bullQueueOptions } from './bull-options';
import { SmsJobQueue } from './sms-job.queue';
import { SmsJobLedger } from './sms-job.ledger';
import { SmsJobProcessor } from './sms-job.processor';
import { SmsQueueWorker, createSmsQueueWorker } from './sms-queue.worker';
import { SmsQueue } from './sms-queue.service';

/**
 * The options of one registration, resolved once and shared by ZixflowQueueModule and the BullMQ queue's
 * registration, which both import it.
 */
@Module({})
class ZixflowQueueOptionsModule extends ConfigurableModuleClass {}

/**
 * Durable, globally rate-limited sending on BullMQ, through `@nestjs/bullmq`:
 * `ZixflowQueueModule.forRoot({ connection })` or `forRootAsync({ imports, inject, useFactory })` provides
 * `SmsQueue`, and exports the BullMQ queue it registers with `BullModule.registerQueueAsync`
 * (`@InjectQueue(queueName)`). Needs `SmsService` visible (import `ZixflowModule` with `isGlobal: true`), or with
 * the top-level `workspace`, that named instance's. Instances with `worker: true` (the default) also process the
 * jobs, in a `WorkerHost` with `@Processor(queueName)`: they send through `SmsService`, so the same transport,
 * events and store apply.
 */
@Module({})
export class ZixflowQueueModule {
  /** Registers the module with options given in code (checked at boot). */
  static forRoot(options: ZixflowQueueModuleForRootOptions): DynamicModule {
    return ZixflowQueueModule.assemble(ZixflowQueueOptionsModule.forRoot(options), options);
  }

  /** Registers the module with options from a factory, a class or an existing provider. */
  static forRootAsync(options: ZixflowQueueModuleAsyncOptions): DynamicModule {
    return ZixflowQueueModule.assemble(ZixflowQueueOptionsModule.forRootAsync(options), options);
  }

  private static assemble(definition: DynamicModule, extras: ZixflowQueueModuleExtras): DynamicModule {
    const queueName = extras.queueName ?? DEFAULT_QUEUE_NAME;
    const optionsModule: DynamicModule = {
      ...definition,
      providers: [
        ...(definition.providers ?? []),
        // A provider, not a closure's capture: registrations that differ only in it stay distinct modules.
        { provide: ZIXFLOW_QUEUE_NAME, useValue: extras.queueName },
        {
          provide: ZIXFLOW_QUEUE_RESOLVED_OPTIONS,
          useFactory: (options: ZixflowQueueModuleOptions, name: string | undefined) =>
            resolveQueueOptions(options, name),
          inject: [ZIXFLOW_QUEUE_MODULE_OPTIONS, ZIXFLOW_QUEUE_NAME],
        },
      ],
      exports: [ZIXFLOW_QUEUE_RESOLVED_OPTIONS],
    };
    const queueModule = BullModule.registerQueueAsync({
      name: queueName,
      imports: [optionsModule],
      inject: [ZIXFLOW_QUEUE_RESOLVED_OPTIONS],
      useFactory: bullQueueOptions,
      extraProviders: [queueErrorListener(queueName)],
    });
    return {
      module: ZixflowQueueModule,
      global: extras.isGlobal,
      imports: [optionsModule, queueModule],
      providers: queueProviders(queueName, extras.workspace),
      exports: [SmsQueue, queueModule],
    };
  }
}

/** The providers of one registration, sending with the SmsService of `workspace` (undefined: the unnamed one). */
const queueProviders = (queueName: string, workspace: string | undefined): Provider[] => [
  { provide: ZIXFLOW_QUEUE_SMS_SERVICE, useExisting: getSmsServiceToken(workspace) },
  { provide: ZIXFLOW_QUEUE_BULL_QUEUE, useExisting: getQueueToken(queueName) },
  SmsJobQueue,
  SmsJobLedger,
  SmsJobProcessor,
  {
    provide: SmsQueueWorker,
    useFactory: createSmsQueueWorker,
    inject: [SmsJobProcessor, ZIXFLOW_QUEUE_RESOLVED_OPTIONS],
  },
  SmsQueue,
];

/**
 * Gives the queue an error listener as soon as it exists, in its own module: a Queue without one would crash the
 * process on a Redis hiccup (its commands still reject).
 */
const queueErrorListener = (queueName: string): Provider => ({
  provide: `ZixflowQueueErrorListener_${queueName}`,
  useFactory: (queue: Queue) => queue.on('error', () => undefined),
  inject: [getQueueToken(queueName)],
});
