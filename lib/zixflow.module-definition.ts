import {
  ConfigurableModuleBuilder,
  type ConfigurableModuleAsyncOptions,
  type Provider,
} from '@nestjs/common';
import type { ZixflowModuleOptions } from './interfaces/zixflow-module-options.interface';

/** Options of `forRoot()` and `forRootAsync()` that sit at the top level of the call, never in the factory's result. */
export interface ZixflowModuleExtras {
  /**
   * Registers a named instance, one per Zixflow workspace (brand, tenant) the app sends from, with its own
   * credentials, connection pool, defaults, DLT templates, postback secret and store. Inject it with
   * `@InjectSmsService(name)` or `getSmsServiceToken(name)`; route its postbacks with
   * `@ZixflowPostback({ workspace: name })`. Without a name (or with `'default'`) the instance is the unnamed
   * one, injected as plain `SmsService`. Letters, digits, `_`, `-` and `.` (at most 64), unique in the app.
   */
  name?: string;
  /** Register the module globally, so every module can inject `SmsService`. Default false. */
  isGlobal?: boolean;
  /** Mounts the module's own postback controller at this path (the only way with `forRootAsync`). */
  postbackPath?: string;
  /** Providers added to the module, typically what a `useClass` options factory injects. */
  extraProviders?: Provider[];
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: ZIXFLOW_MODULE_OPTIONS } =
  new ConfigurableModuleBuilder<ZixflowModuleOptions>({ moduleName: 'Zixflow' })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createZixflowOptions')
    // `isGlobal` sits at the top level of forRoot/forRootAsync, never inside the factory's result.
    // So does `postbackPath`: routes must be known when the module is built, before any async factory runs
    // (ZixflowModule reads it to mount the postback controller).
    // `extraProviders` are added to the module, typically for what a `useClass` options factory injects.
    // `name` makes the module's tokens (ZixflowModule reads it), so it too is known before any factory runs.
    .setExtras<ZixflowModuleExtras>(
      { isGlobal: false, postbackPath: undefined, extraProviders: undefined, name: undefined },
      (definition, extras) => ({
        ...definition,
        global: extras.isGlobal,
        providers: [...(definition.providers ?? []), ...(extras.extraProviders ?? [])],
      }),
    )
    .build();

/** Implement this for `forRootAsync({ useClass })` / `useExisting`. */
export interface ZixflowOptionsFactory {
  createZixflowOptions(): ZixflowModuleOptions | Promise<ZixflowModuleOptions>;
}

/**
 * What `ZixflowModule.forRoot()` takes: the module options plus `name`, `isGlobal`, `postbackPath` and
 * `extraProviders`.
 */
export type ZixflowModuleForRootOptions = ZixflowModuleOptions & ZixflowModuleExtras;

/**
 * What `ZixflowModule.forRootAsync()` takes: `useFactory` / `useClass` / `useExisting` with `imports` and
 * `inject`, plus `name`, `isGlobal`, `postbackPath` and `extraProviders` at the top level.
 */
export type ZixflowModuleAsyncOptions = ConfigurableModuleAsyncOptions<
  ZixflowModuleOptions,
  'createZixflowOptions'
> &
  ZixflowModuleExtras;
