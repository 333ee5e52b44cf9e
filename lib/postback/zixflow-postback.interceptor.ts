import {
  Inject,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { from, lastValueFrom, of, type Observable } from 'rxjs';
import { postbackDedupKey } from './dedup/postback-dedup-key';
import type { PostbackDedupStore } from './dedup/postback-dedup-store.interface';
import type { ResolvedPostbackConfig } from './interfaces/resolved-postback-config.interface';
import type { ZixflowPostbackEvent } from './interfaces/zixflow-postback-event.interface';
import { PostbackEventDispatcher } from './postback-event.dispatcher';
import { getPostbackRequestState } from './postback-request-state';
import { ZixflowPostbackHttpException } from './zixflow-postback-http.exception';
import {
  ZIXFLOW_POSTBACK_CONFIG,
  ZIXFLOW_POSTBACK_DEDUP_STORE,
  ZIXFLOW_POSTBACK_LOGGER_CONTEXT,
} from './zixflow-postback.constants';

/**
 * Runs after ZixflowPostbackGuard admitted a postback. A duplicate is acknowledged (200) without running
 * the handler or emitting. Otherwise the events are emitted, then the handler runs. When handling fails
 * (the handler throws, or a listener with `ackAfterListeners`), the dedup key is forgotten so Zixflow's
 * retry of the same body is processed instead of being taken for a duplicate.
 */
@Injectable()
export class ZixflowPostbackInterceptor implements NestInterceptor {
  private readonly logger = new Logger(ZIXFLOW_POSTBACK_LOGGER_CONTEXT);

  constructor(
    @Inject(ZIXFLOW_POSTBACK_CONFIG) private readonly config: ResolvedPostbackConfig,
    @Inject(ZIXFLOW_POSTBACK_DEDUP_STORE) private readonly store: PostbackDedupStore,
    private readonly dispatcher: PostbackEventDispatcher,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const state = getPostbackRequestState(context.switchToHttp().getRequest<object>());
    // No verdict: the guard was not applied (interceptor used on its own); stay out of the way.
    if (state === undefined) return next.handle();
    if (state.duplicate) return of(undefined);
    return from(this.handle(state.event, next));
  }

  private async handle(event: ZixflowPostbackEvent, next: CallHandler): Promise<unknown> {
    if (this.config.ackAfterListeners) {
      try {
        await this.dispatcher.publishAndWait(event);
      } catch (error) {
        this.logger.error(
          `A postback listener failed; answering 500 so Zixflow retries: ${error instanceof Error ? error.message : String(error)}`,
          error instanceof Error ? error.stack : undefined,
        );
        await this.forget(event);
        throw new ZixflowPostbackHttpException(500, 'postback listener failed; retry later');
      }
    } else {
      this.dispatcher.publish(event);
    }
    try {
      return await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.forget(event);
      throw error;
    }
  }

  private async forget(event: ZixflowPostbackEvent): Promise<void> {
    try {
      await this.store.forget(postbackDedupKey(event));
    } catch (error) {
      // The retry will be taken for a duplicate; say so rather than hide it behind the original failure.
      this.logger.error(
        `Postback dedup store could not forget a failed postback; its retry will be ignored: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
