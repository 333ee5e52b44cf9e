import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import {
  ASYNC_OPTIONS_TYPE,
  ConfigurableModuleClass,
  OPTIONS_TYPE,
  ZIXFLOW_MODULE_OPTIONS,
} from './zixflow.module-definition';
import { ZIXFLOW_HTTP_SERVICE, ZIXFLOW_RESOLVED_OPTIONS, ZIXFLOW_TRANSPORT } from './zixflow.constants';
import type { ZixflowModuleOptions } from './interfaces/zixflow-module-options.interface';
import type { ZixflowResolvedOptions } from './interfaces/zixflow-resolved-options.interface';
import { resolveZixflowOptions } from './config/resolve-zixflow-options';
import { ZixflowEventPublisher } from './events/zixflow-event.publisher';
import { SmsService } from './sms/sms.service';
import { PostbackUrlService } from './postback/postback-url.service';
import { ZixflowHttpClient } from './transport/zixflow-http.client';
import { createZixflowHttpService, createZixflowTransport } from './transport/zixflow-transport.factory';
import type { ZixflowTransport } from './transport/zixflow-transport.interface';

const coreProviders: Provider[] = [
  {
    provide: ZIXFLOW_RESOLVED_OPTIONS,
    useFactory: (options: ZixflowModuleOptions) => resolveZixflowOptions(options),
    inject: [ZIXFLOW_MODULE_OPTIONS],
  },
  {
    provide: ZIXFLOW_TRANSPORT,
    useFactory: (options: ZixflowResolvedOptions) => createZixflowTransport(options),
    inject: [ZIXFLOW_RESOLVED_OPTIONS],
  },
  {
    provide: ZIXFLOW_HTTP_SERVICE,
    useFactory: (options: ZixflowResolvedOptions, transport: ZixflowTransport) =>
      createZixflowHttpService(options, transport),
    inject: [ZIXFLOW_RESOLVED_OPTIONS, ZIXFLOW_TRANSPORT],
  },
  ZixflowEventPublisher,
  ZixflowHttpClient,
  PostbackUrlService,
  SmsService,
];

const coreExports = [SmsService, ZIXFLOW_HTTP_SERVICE, ZIXFLOW_MODULE_OPTIONS, ZIXFLOW_RESOLVED_OPTIONS];

/**
 * `ZixflowModule.forRoot({ apiKey, workspaceId })` or `forRootAsync({ imports, inject, useFactory })`
 * provides SmsService. Pass `isGlobal: true` at the top level of the call to use it everywhere.
 */
@Module({})
export class ZixflowModule extends ConfigurableModuleClass {
  static forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    return ZixflowModule.withCore(super.forRoot(options));
  }

  static forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return ZixflowModule.withCore(super.forRootAsync(options));
  }

  private static withCore(definition: DynamicModule): DynamicModule {
    return {
      ...definition,
      providers: [...(definition.providers ?? []), ...coreProviders],
      exports: [...(definition.exports ?? []), ...coreExports],
    };
  }
}
