import { HttpCode, Post, SetMetadata, UseGuards, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ProcessAdmittedPostback } from './postback-handler.wrapper';
import { ZixflowPostbackGuard } from './zixflow-postback.guard';
import { ZixflowPostbackInterceptor } from './zixflow-postback.interceptor';
import { ZIXFLOW_POSTBACK_HANDLER_METADATA } from '../zixflow-postback.constants';

/**
 * Makes a controller method the Zixflow postback endpoint: `POST <path>`, answering 200, behind
 * ZixflowPostbackGuard (the checks), with dedup, events and retry-on-failure wrapped around the method
 * (see ProcessAdmittedPostback). Read the event with `@PostbackPayload()`.
 * The controller's module must import ZixflowModule (or ZixflowModule must be global), so the guard can be
 * built there. Your global prefix, guards, pipes, interceptors, throttling and versioning still apply.
 * `{ wrapHandler: false }` processes the postback in ZixflowPostbackInterceptor instead of a wrapper around
 * the method: the same behaviour, slower, and independent of Nest's internal route-argument metadata.
 */
export function ZixflowPostback(
  path?: string | string[],
  options: { /** Default true. */ wrapHandler?: boolean } = {},
): MethodDecorator {
  if (options.wrapHandler === false) {
    return applyDecorators(
      Post(path),
      HttpCode(200),
      SetMetadata(ZIXFLOW_POSTBACK_HANDLER_METADATA, true),
      UseGuards(ZixflowPostbackGuard),
      UseInterceptors(ZixflowPostbackInterceptor),
    );
  }
  return applyDecorators(
    // First: the decorators after it then write their metadata onto the wrapper.
    ProcessAdmittedPostback(),
    Post(path),
    HttpCode(200),
    SetMetadata(ZIXFLOW_POSTBACK_HANDLER_METADATA, true),
    UseGuards(ZixflowPostbackGuard),
  );
}
