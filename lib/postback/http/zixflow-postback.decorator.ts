import { HttpCode, Post, SetMetadata, UseGuards, UseInterceptors, applyDecorators } from '@nestjs/common';
import { workspaceName } from '../../workspace/workspace-name';
import { ProcessAdmittedPostback } from './postback-handler.wrapper';
import { ZixflowPostbackGuard } from './zixflow-postback.guard';
import { ZixflowPostbackInterceptor } from './zixflow-postback.interceptor';
import { workspacePostbackGuard } from './workspace-postback.guard';
import { ZIXFLOW_POSTBACK_HANDLER_METADATA } from '../zixflow-postback.constants';

/** Options of `@ZixflowPostback()`. */
export interface ZixflowPostbackRouteOptions {
  /** The route path(s), as `@Post()` takes them. Default: the controller's own path. */
  path?: string | string[];
  /**
   * The named instance (`ZixflowModule.forRoot({ name })`) whose postbacks this route receives: its secret
   * checks the token (a token signed for another instance is refused with 401), its workspace id the body,
   * and its store, events and handler settle the postback (`event.workspace` is this name). Default: the
   * unnamed instance.
   */
  workspace?: string;
  /**
   * Default true. False processes the postback in ZixflowPostbackInterceptor instead of a wrapper around the
   * method: the same behaviour, slower, and independent of Nest's internal route-argument metadata.
   */
  wrapHandler?: boolean;
}

/** Metadata @ZixflowPostback() leaves on the method: which instance the handler receives postbacks for. */
export interface ZixflowPostbackHandlerMetadata {
  /** Undefined for the unnamed instance. */
  readonly workspace: string | undefined;
}

/**
 * Makes a controller method the Zixflow postback endpoint: `POST <path>`, answering 200, behind
 * ZixflowPostbackGuard (the checks), with dedup, events and retry-on-failure wrapped around the method
 * (see ProcessAdmittedPostback). Read the event with `@PostbackPayload()`.
 * The controller's module must import ZixflowModule (or ZixflowModule must be global), so the guard can be
 * built there. Your global prefix, guards, pipes, interceptors, throttling and versioning still apply.
 * With several instances, `{ workspace: name }` routes the endpoint to the named one
 * (`@ZixflowPostback({ path: 'zixflow/marketing', workspace: 'marketing' })`).
 * `{ wrapHandler: false }` processes the postback in ZixflowPostbackInterceptor instead of a wrapper around
 * the method: the same behaviour, slower, and independent of Nest's internal route-argument metadata.
 * @throws ZixflowConfigError (when the class is defined) if `workspace` is not a valid instance name.
 */
export function ZixflowPostback(
  path?: string | string[] | ZixflowPostbackRouteOptions,
  options: Omit<ZixflowPostbackRouteOptions, 'path'> = {},
): MethodDecorator {
  const route: ZixflowPostbackRouteOptions =
    typeof path === 'string' || Array.isArray(path) || path === undefined
      ? { ...options, path }
      : { ...options, ...path };
  const workspace = workspaceName(route.workspace, 'workspace');
  const guard = workspace === undefined ? ZixflowPostbackGuard : workspacePostbackGuard(workspace);
  const metadata: ZixflowPostbackHandlerMetadata = { workspace };
  if (route.wrapHandler === false) {
    return applyDecorators(
      Post(route.path),
      HttpCode(200),
      SetMetadata(ZIXFLOW_POSTBACK_HANDLER_METADATA, metadata),
      UseGuards(guard),
      UseInterceptors(ZixflowPostbackInterceptor),
    );
  }
  return applyDecorators(
    // First: the decorators after it then write their metadata onto the wrapper.
    ProcessAdmittedPostback(),
    Post(route.path),
    HttpCode(200),
    SetMetadata(ZIXFLOW_POSTBACK_HANDLER_METADATA, metadata),
    UseGuards(guard),
  );
}
