import type { Provider, Type } from '@nestjs/common';
import { ZIXFLOW_RESOLVED_OPTIONS } from '../zixflow.constants';
import type { ZixflowResolvedOptions } from '../interfaces/zixflow-resolved-options.interface';
import { PostbackEventDispatcher } from './processing/postback-event.dispatcher';
import { PostbackHandlerExplorer } from './http/postback-handler.explorer';
import { PostbackStartupChecker } from './postback-startup.checker';
import { PostbackProcessor } from './processing/postback.processor';
import { RawBodyInspector } from './http/raw-body.inspector';
import { resolvePostbackConfig } from './resolve-postback-config';
import { createZixflowPostbackController } from './http/zixflow-postback.controller';
import { ZixflowPostbackGuard } from './http/zixflow-postback.guard';
import { ZixflowPostbackInterceptor } from './http/zixflow-postback.interceptor';
import { ZIXFLOW_POSTBACK_CONFIG, ZIXFLOW_POSTBACK_MOUNT_PATH } from './zixflow-postback.constants';
import { ZIXFLOW_WORKSPACE } from '../workspace/zixflow-workspace.constants';

/** Providers ZixflowModule adds for postbacks; `mountPath` is null when it mounts no controller. */
export function zixflowPostbackProviders(mountPath: string | null): Provider[] {
  return [
    {
      provide: ZIXFLOW_POSTBACK_CONFIG,
      useFactory: (options: ZixflowResolvedOptions, workspace: string | null) =>
        resolvePostbackConfig(options, workspace ?? undefined),
      inject: [ZIXFLOW_RESOLVED_OPTIONS, ZIXFLOW_WORKSPACE],
    },
    { provide: ZIXFLOW_POSTBACK_MOUNT_PATH, useValue: mountPath },
    RawBodyInspector,
    PostbackEventDispatcher,
    PostbackHandlerExplorer,
    PostbackStartupChecker,
    PostbackProcessor,
    ZixflowPostbackGuard,
    ZixflowPostbackInterceptor,
  ];
}

/**
 * What a user's controller module needs to build the guard of @ZixflowPostback() (and the interceptor of a
 * hand-composed route): Nest builds them in the controller's module, from what that module imports.
 */
export const zixflowPostbackExports = [
  ZIXFLOW_POSTBACK_CONFIG,
  RawBodyInspector,
  PostbackEventDispatcher,
  PostbackProcessor,
  ZixflowPostbackGuard,
  ZixflowPostbackInterceptor,
];

/** The mounted controller for a non-empty path, else none; `workspace` names the instance it serves. */
export function zixflowPostbackControllers(
  mountPath: string | null,
  workspace: string | undefined,
): Type<unknown>[] {
  return mountPath === null ? [] : [createZixflowPostbackController(mountPath, workspace)];
}

/** The path to mount at: a non-empty string, else null (resolveZixflowOptions reports a bad value). */
export function postbackMountPath(path: unknown): string | null {
  return typeof path === 'string' && path.trim() !== '' ? path : null;
}
