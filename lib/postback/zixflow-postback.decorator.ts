import { HttpCode, Post, SetMetadata, UseGuards, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ZixflowPostbackGuard } from './zixflow-postback.guard';
import { ZixflowPostbackInterceptor } from './zixflow-postback.interceptor';
import { ZIXFLOW_POSTBACK_HANDLER_METADATA } from './zixflow-postback.constants';

/**
 * Makes a controller method the Zixflow postback endpoint: `POST <path>`, answering 200, behind
 * ZixflowPostbackGuard and ZixflowPostbackInterceptor. Read the event with `@PostbackPayload()`.
 * The controller's module must import ZixflowModule (or ZixflowModule must be global), so the guard and
 * interceptor can be built there. Your global prefix, guards, throttling and versioning still apply.
 */
export function ZixflowPostback(path?: string | string[]): MethodDecorator {
  return applyDecorators(
    Post(path),
    HttpCode(200),
    SetMetadata(ZIXFLOW_POSTBACK_HANDLER_METADATA, true),
    UseGuards(ZixflowPostbackGuard),
    UseInterceptors(ZixflowPostbackInterceptor),
  );
}
