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
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: ZIXFLOW_QUEUE_MODULE_OPTIONS } =
  new ConfigurableModuleBuilder<ZixflowQueueModuleOptions>({ moduleName: 'ZixflowQueue' })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createZixflowQueueOptions')
    .setExtras<ZixflowQueueModuleExtras>({ isGlobal: false, workspace: undefined }, (definition, extras) => ({
      ...definition,
      global: extras.isGlobal,
    }))
    .build();

/** Implement this for `ZixflowQueueModule.forRootAsync({ useClass })` / `useExisting`. */
export interface ZixflowQueueOptionsFactory {
  /** The module's options. */
  createZixflowQueueOptions(): ZixflowQueueModuleOptions | Promise<ZixflowQueueModuleOptions>;
}

/** What `ZixflowQueueModule.forRoot()` takes: the options plus `isGlobal` and `workspace`. */
export type ZixflowQueueModuleForRootOptions = ZixflowQueueModuleOptions & ZixflowQueueModuleExtras;

/**
 * What `ZixflowQueueModule.forRootAsync()` takes: `useFactory` / `useClass` / `useExisting`, plus `isGlobal` and
 * `workspace`.
 */
export type ZixflowQueueModuleAsyncOptions = ConfigurableModuleAsyncOptions<
  ZixflowQueueModuleOptions,
  'createZixflowQueueOptions'
> &
  ZixflowQueueModuleExtras;
