import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import {
  ConfigurableModuleClass,
  ZIXFLOW_MODULE_OPTIONS,
  type ZixflowModuleAsyncOptions,
  type ZixflowModuleForRootOptions,
} from './zixflow.module-definition';
import { ZIXFLOW_HTTP_SERVICE, ZIXFLOW_RESOLVED_OPTIONS, ZIXFLOW_TRANSPORT } from './zixflow.constants';
import type { ZixflowModuleOptions } from './interfaces/zixflow-module-options.interface';
import type { ZixflowResolvedOptions } from './interfaces/zixflow-resolved-options.interface';
import { resolveZixflowOptions } from './config/resolve-zixflow-options';
import { ZixflowEventPublisher } from './events/zixflow-event.publisher';
import { SmsService } from './sms/sms.service';
import { SmsComplianceChecker } from './sms/sms-compliance.checker';
import { PostbackUrlService } from './postback/auth/postback-url.service';
import { zixflowStoreProviders } from './store/zixflow-store.providers';
import { StoreFailureLog } from './store/store-failure.log';
import { UnknownOutcomeRecorder } from './sms/outcome/unknown-outcome.recorder';
import { DeliveryStatusReader } from './sms/delivery-status.reader';
import { ZixflowHealthProbe } from './health/zixflow-health.probe';
import { ZixflowTelemetry } from './telemetry/zixflow-telemetry';
import { ZixflowHttpClient } from './transport/zixflow-http.client';
import { createZixflowHttpService, createZixflowTransport } from './transport/zixflow-transport.factory';
import type { ZixflowTransport } from './transport/zixflow-transport.interface';
import {
  postbackMountPath,
  zixflowPostbackControllers,
  zixflowPostbackExports,
  zixflowPostbackProviders,
} from './postback/zixflow-postback.providers';
import { workspaceName } from './workspace/workspace-name';
import { zixflowWorkspaceExports, zixflowWorkspaceProviders } from './workspace/zixflow-workspace.providers';

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
  ...zixflowStoreProviders,
  StoreFailureLog,
  UnknownOutcomeRecorder,
  DeliveryStatusReader,
  ZixflowEventPublisher,
  ZixflowHttpClient,
  PostbackUrlService,
  SmsComplianceChecker,
  SmsService,
  ZixflowHealthProbe,
  ZixflowTelemetry,
];

// ZixflowHealthProbe: for ZixflowHealthIndicator (nestjs-zixflow/health), listed in the user's module.
const coreExports = [
  SmsService,
  ZIXFLOW_HTTP_SERVICE,
  ZIXFLOW_MODULE_OPTIONS,
  ZIXFLOW_RESOLVED_OPTIONS,
  ZixflowHealthProbe,
];

/**
 * `ZixflowModule.forRoot({ apiKey, workspaceId })` or `forRootAsync({ imports, inject, useFactory })`
 * provides SmsService. Pass `isGlobal: true` at the top level of the call to use it everywhere.
 * Postbacks: `postback.path` (forRoot) or the top-level `postbackPath` (forRootAsync) mounts a ready
 * controller; otherwise use `@ZixflowPostback()` in a controller whose module imports ZixflowModule.
 * Several workspaces: register once per workspace with a top-level `name`, and inject each with
 * `@InjectSmsService(name)`; the unnamed registration stays plain `SmsService`.
 */
@Module({})
export class ZixflowModule extends ConfigurableModuleClass {
  /**
   * Registers the module with options given in code (checked at boot).
   * @throws ZixflowConfigError at once when `name` is invalid.
   */
  static forRoot(options: ZixflowModuleForRootOptions): DynamicModule {
    const workspace = workspaceName(options.name);
    return ZixflowModule.withCore(
      super.forRoot(options),
      options.postbackPath ?? options.postback?.path,
      workspace,
    );
  }

  /**
   * Registers the module with options from a factory, a class or an existing provider.
   * @throws ZixflowConfigError at once when `name` is invalid.
   */
  static forRootAsync(options: ZixflowModuleAsyncOptions): DynamicModule {
    const workspace = workspaceName(options.name);
    return ZixflowModule.withCore(super.forRootAsync(options), options.postbackPath, workspace);
  }

  private static withCore(
    definition: DynamicModule,
    postbackPath: unknown,
    workspace: string | undefined,
  ): DynamicModule {
    const mountPath = postbackMountPath(postbackPath);
    return {
      ...definition,
      // DiscoveryModule: the postback startup check looks for @ZixflowPostback() handlers.
      imports: [...(definition.imports ?? []), DiscoveryModule],
      controllers: [...(definition.controllers ?? []), ...zixflowPostbackControllers(mountPath, workspace)],
      providers: [
        ...(definition.providers ?? []),
        ...coreProviders,
        ...zixflowPostbackProviders(mountPath),
        ...zixflowWorkspaceProviders(workspace),
      ],
      // A named instance exports its own tokens only, so it never shadows the unnamed one or another.
      exports: [
        ...(definition.exports ?? []),
        ...(workspace === undefined
          ? [...coreExports, ...zixflowPostbackExports]
          : zixflowWorkspaceExports(workspace)),
      ],
    };
  }
}
