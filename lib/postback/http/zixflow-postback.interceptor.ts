import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { getPostbackRequestState } from './postback-request-state';

/**
 * Not needed with @ZixflowPostback(), which processes postbacks in a wrapper around the method (cheaper).
 * Kept for routes composed by hand: `@Post() @UseGuards(ZixflowPostbackGuard)
 * @UseInterceptors(ZixflowPostbackInterceptor)` gets the same dedup, events and retry-on-failure.
 * Stays out of the way when the guard did not admit the request or the postback is already processed.
 */
@Injectable()
export class ZixflowPostbackInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const admitted = getPostbackRequestState(context.switchToHttp().getRequest<object>());
    if (admitted === undefined || admitted.claimed) return next.handle();
    admitted.claimed = true;
    // process() may answer synchronously; the async function gives `from` a promise either way.
    const processed = async (): Promise<unknown> =>
      admitted.processor.process(
        admitted.event,
        () => lastValueFrom(next.handle(), { defaultValue: undefined }),
        admitted.sentAtMs,
      );
    return from(processed());
  }
}
