import { Inject, Injectable, Logger } from '@nestjs/common';
import { postbackDedupKey } from './dedup/postback-dedup-key';
import type { PostbackDedupStore } from './dedup/postback-dedup-store.interface';
import type { ResolvedPostbackConfig } from './interfaces/resolved-postback-config.interface';
import type { ZixflowPostbackEvent } from './interfaces/zixflow-postback-event.interface';
import { PostbackEventDispatcher } from './postback-event.dispatcher';
import { ZixflowPostbackHttpException } from './zixflow-postback-http.exception';
import {
  ZIXFLOW_POSTBACK_CONFIG,
  ZIXFLOW_POSTBACK_DEDUP_STORE,
  ZIXFLOW_POSTBACK_LOGGER_CONTEXT,
} from './zixflow-postback.constants';

/**
 * Handles a postback ZixflowPostbackGuard admitted, once every guard and pipe of the route let it through:
 * marks it in the dedup store (a duplicate is acknowledged with 200, without the handler or events), emits
 * the events, then runs the handler. When handling fails (the handler throws, or a listener with
 * `ackAfterListeners`), the dedup key is forgotten so Zixflow's retry of the same body is processed
 * instead of being taken for a duplicate.
 */
@Injectable()
export class PostbackProcessor {
  private readonly logger = new Logger(ZIXFLOW_POSTBACK_LOGGER_CONTEXT);

  constructor(
    @Inject(ZIXFLOW_POSTBACK_CONFIG) private readonly config: ResolvedPostbackConfig,
    @Inject(ZIXFLOW_POSTBACK_DEDUP_STORE) private readonly store: PostbackDedupStore,
    private readonly dispatcher: PostbackEventDispatcher,
  ) {}

  /** Resolves with what `handle` returned, or undefined for a duplicate (`handle` not called). */
  async process(event: ZixflowPostbackEvent, handle: () => unknown): Promise<unknown> {
    const key = postbackDedupKey(event);
    if (!(await this.markIfNew(key))) return undefined;
    if (this.config.ackAfterListeners) {
      try {
        await this.dispatcher.publishAndWait(event);
      } catch (error) {
        this.logger.error(
          `A postback listener failed; answering 500 so Zixflow retries: ${describe(error)}`,
          error instanceof Error ? error.stack : undefined,
        );
        await this.forget(key);
        throw new ZixflowPostbackHttpException(500, 'postback listener failed; retry later');
      }
    } else {
      this.dispatcher.publish(event);
    }
    try {
      return await handle();
    } catch (error) {
      await this.forget(key);
      throw error;
    }
  }

  private async markIfNew(key: string): Promise<boolean> {
    try {
      return await this.store.markIfNew(key, this.config.dedupTtlMs);
    } catch (error) {
      // Our failure, not the sender's: 500 so Zixflow retries once the store is back.
      this.logger.error(`Postback dedup store failed: ${describe(error)}`);
      throw new ZixflowPostbackHttpException(500, 'postback could not be recorded; retry later');
    }
  }

  private async forget(key: string): Promise<void> {
    try {
      await this.store.forget(key);
    } catch (error) {
      // The retry will be taken for a duplicate; say so rather than hide it behind the original failure.
      this.logger.error(
        `Postback dedup store could not forget a failed postback; its retry will be ignored: ${describe(error)}`,
      );
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
