import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ZixflowConfigError } from '../../errors/zixflow-config.error';
import type { ZixflowPostbackEvent } from '../interfaces/zixflow-postback-event.interface';
import { getPostbackRequestState } from './postback-request-state';

/**
 * The validated ZixflowPostbackEvent of the current request (`messageId` exact as digits, `statusAt` with
 * its nanoseconds, `statusDate` as a Date). Only on methods decorated with `@ZixflowPostback()`.
 */
export const PostbackPayload = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ZixflowPostbackEvent => {
    const state = getPostbackRequestState(context.switchToHttp().getRequest<object>());
    if (state === undefined) {
      throw new ZixflowConfigError([
        '@PostbackPayload() is only available on a method decorated with @ZixflowPostback()',
      ]);
    }
    return state.event;
  },
);
