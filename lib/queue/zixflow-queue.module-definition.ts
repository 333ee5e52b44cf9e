import { ConfigurableModuleBuilder, type ConfigurableModuleAsyncOptions } from '@nestjs/common';
import type { ZixflowQueueModuleOptions } from './interfaces/zixflow-queue-module-options.interface';

/** Options of `ZixflowQueueModule.forRoot()` / `forRootAsync()` that sit at the top level of the call. */
export interface ZixflowQueueModuleExtras {
  /** Register the module globally, so every module can inject `SmsQueue`. Default false. */
  isGlobal?: boolean;
  /**
   * The ZixflowModule instance to send with: the `name` of a named registration (`ZixflowModule.forRoot({ name })`).
   * Default: the unnamed one. Its SmsService must be visible here (a global instance, or one imported).
   */
  workspace?: string;
  /**
   * The BullMQ queue's name; every instance sharing a campaign uses the same one. Default `zixflow-sms`. At the top
   * level of `forRootAsync` too (never in the factory's result): its token, `getQueueToken(queueName)` from
   * `@nestjs/bullmq`, is made when the module is declared, before the factory runs.
   */
  queueName?: string;
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: ZIXFLOW_QUEUE_MODULE_OPTIONS } =
  new ConfigurableModuleBuilder<ZixflowQueueModuleOptions>({ moduleName: 'ZixflowQueue' })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createZixflowQueueOptions')
    // The definition is the internal options module's (ZixflowQueueModule assembles its own): never global.
    .setExtras<ZixflowQueueModuleExtras>({ isGlobal: false, workspace: undefined, queueName: undefined })
    .build();

/** Implement this for `ZixflowQueueModule.forRootAsync({ useClass })` / `useExisting`. */
export interface ZixflowQueueOptionsFactory {
  /** The module's options. */
  createZixflowQueueOptions(): ZixflowQueueModuleOptions | Promise<ZixflowQueueModuleOptions>;
}

/** What `ZixflowQueueModule.forRoot()` takes: the options plus `isGlobal`, `workspace` and `queueName`. */
export type ZixflowQueueModuleForRootOptions = ZixflowQueueModuleOptions & ZixflowQueueModuleExtras;

/**
 * What `ZixflowQueueModule.forRootAsync()` takes: `useFactory` / `useClass` / `useExisting`, plus `isGlobal`,
 * `workspace` and `queueName`.
 */
export type ZixflowQueueModuleAsyncOptions = ConfigurableModuleAsyncOptions<
  ZixflowQueueModuleOptions,
  'createZixflowQueueOptions'
> &
  ZixflowQueueModuleExtras;
