import { HttpCode, Post, SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { ProcessAdmittedPostback } from './postback-handler.wrapper';
import { ZixflowPostbackGuard } from './zixflow-postback.guard';
import { ZIXFLOW_POSTBACK_HANDLER_METADATA } from './zixflow-postback.constants';

/**
 * Makes a controller method the Zixflow postback endpoint: `POST <path>`, answering 200, behind
 * ZixflowPostbackGuard (the checks), with dedup, events and retry-on-failure wrapped around the method
 * (see ProcessAdmittedPostback). Read the event with `@PostbackPayload()`.
 * The controller's module must import ZixflowModule (or ZixflowModule must be global), so the guard can be
 * built there. Your global prefix, guards, pipes, interceptors, throttling and versioning still apply.
 */
export function ZixflowPostback(path?: string | string[]): MethodDecorator {
  return applyDecorators(
    // First: the decorators after it then write their metadata onto the wrapper.
    ProcessAdmittedPostback(),
    Post(path),
    HttpCode(200),
    SetMetadata(ZIXFLOW_POSTBACK_HANDLER_METADATA, true),
    UseGuards(ZixflowPostbackGuard),
  );
}
