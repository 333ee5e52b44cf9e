import { ConfigurableModuleBuilder, type Provider } from '@nestjs/common';
import type { ZixflowModuleOptions } from './interfaces/zixflow-module-options.interface';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: ZIXFLOW_MODULE_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<ZixflowModuleOptions>({ moduleName: 'Zixflow' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createZixflowOptions')
  // `isGlobal` sits at the top level of forRoot/forRootAsync, never inside the factory's result.
  // So does `postbackPath`: routes must be known when the module is built, before any async factory runs
  // (ZixflowModule reads it to mount the postback controller).
  // `extraProviders` are added to the module, typically for what a `useClass` options factory injects.
  .setExtras<{ isGlobal: boolean; postbackPath?: string; extraProviders?: Provider[] }>(
    { isGlobal: false, postbackPath: undefined, extraProviders: undefined },
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
