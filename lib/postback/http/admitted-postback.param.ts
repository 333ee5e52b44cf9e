import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AdmittedPostback } from './admitted-postback';
import { getPostbackRequestState } from './postback-request-state';

/**
 * The extra, hidden argument through which the @ZixflowPostback() wrapper receives the guard's verdict
 * (a handler has no other way to reach its request). Never written by users: the wrapper adds and strips it.
 */
export const AdmittedPostbackArgument = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AdmittedPostback | undefined =>
    getPostbackRequestState(context.switchToHttp().getRequest<object>()),
);
