import { Inject, Injectable, Logger } from '@nestjs/common';
import { postbackDedupKey, postbackEventsKey } from '../dedup/postback-dedup-key';
import type { PostbackDedupStore } from '../dedup/postback-dedup-store.interface';
import type { ResolvedPostbackConfig } from '../interfaces/resolved-postback-config.interface';
import type { ZixflowPostbackEvent } from '../interfaces/zixflow-postback-event.interface';
import { isPromiseLike } from '../../utils/is-promise-like';
import { PostbackEventDispatcher } from './postback-event.dispatcher';
import { ZixflowPostbackHttpException } from '../http/zixflow-postback-http.exception';
import {
  ZIXFLOW_POSTBACK_CONFIG,
  ZIXFLOW_POSTBACK_DEDUP_STORE,
  ZIXFLOW_POSTBACK_LOGGER_CONTEXT,
} from '../zixflow-postback.constants';

/**
 * Handles a postback ZixflowPostbackGuard admitted, once every guard and pipe of the route let it through:
 * marks it in the dedup store (a duplicate is acknowledged with 200, without the handler or events), emits
 * the events unless an earlier attempt already did, then runs the handler. When the handler throws, only
 * its dedup key is forgotten, so Zixflow's retry of the same body runs the handler again but does not reach
 * the listeners twice (a second key, `postbackEventsKey`, remembers that they were reached). When a
 * listener fails with `ackAfterListeners`, both are forgotten: that retry is for the listeners.
 */
@Injectable()
export class PostbackProcessor {
  private readonly logger = new Logger(ZIXFLOW_POSTBACK_LOGGER_CONTEXT);

  constructor(
    @Inject(ZIXFLOW_POSTBACK_CONFIG) private readonly config: ResolvedPostbackConfig,
    @Inject(ZIXFLOW_POSTBACK_DEDUP_STORE) private readonly store: PostbackDedupStore,
    private readonly dispatcher: PostbackEventDispatcher,
  ) {}

  /**
   * What `handle` returned, or undefined for a duplicate (`handle` not called); a promise of it unless the
   * store answered synchronously (the in-memory one does) and nothing had to be awaited. Staying
   * synchronous then spares every postback a chain of promises, which costs more than the dedup itself.
   * Failures always come as a rejected promise, after the key is forgotten.
   */
  process(event: ZixflowPostbackEvent, handle: () => unknown): unknown {
    const key = postbackDedupKey(event);
    const marked = this.markIfNew(key);
    if (typeof marked !== 'boolean' || this.config.ackAfterListeners) {
      return this.processAsync(key, marked, event, handle);
    }
    if (!marked) return undefined;
    const unpublished = this.markIfNew(postbackEventsKey(key));
    if (typeof unpublished !== 'boolean') return this.publishThenHandle(key, unpublished, event, handle);
    if (unpublished) this.dispatcher.publish(event);
    return this.runHandler(key, handle);
  }

  private async processAsync(
    key: string,
    marked: boolean | Promise<boolean>,
    event: ZixflowPostbackEvent,
    handle: () => unknown,
  ): Promise<unknown> {
    if (!(await marked)) return undefined;
    return this.publishThenHandle(key, this.markIfNew(postbackEventsKey(key)), event, handle);
  }

  private async publishThenHandle(
    key: string,
    unpublished: boolean | Promise<boolean>,
    event: ZixflowPostbackEvent,
    handle: () => unknown,
  ): Promise<unknown> {
    let publish: boolean;
    try {
      publish = await unpublished;
    } catch (error) {
      await this.forget(key);
      throw error;
    }
    if (publish && this.config.ackAfterListeners) {
      try {
        await this.dispatcher.publishAndWait(event);
      } catch (error) {
        this.logger.error(
          `A postback listener failed; answering 500 so Zixflow retries: ${describe(error)}`,
          error instanceof Error ? error.stack : undefined,
        );
        await this.forget(postbackEventsKey(key));
        await this.forget(key);
        throw new ZixflowPostbackHttpException(500, 'postback listener failed; retry later');
      }
    } else if (publish) {
      this.dispatcher.publish(event);
    }
    return this.runHandler(key, handle);
  }

  private runHandler(key: string, handle: () => unknown): unknown {
    let result: unknown;
    try {
      result = handle();
    } catch (error) {
      return this.forgetAndRethrow(key, error);
    }
    if (!isPromiseLike(result)) return result;
    return Promise.resolve(result).catch((error: unknown) => this.forgetAndRethrow(key, error));
  }

  private async forgetAndRethrow(key: string, error: unknown): Promise<never> {
    await this.forget(key);
    throw error;
  }

  /** The store's answer as it came (sync or async); its failure, either way, is a 500. */
  private markIfNew(key: string): boolean | Promise<boolean> {
    let answer: boolean | Promise<boolean>;
    try {
      answer = this.store.markIfNew(key, this.config.dedupTtlMs);
    } catch (error) {
      return Promise.reject(this.storeFailed(error));
    }
    if (typeof answer === 'boolean') return answer;
    return Promise.resolve(answer).catch((error: unknown) => {
      throw this.storeFailed(error);
    });
  }

  private storeFailed(error: unknown): ZixflowPostbackHttpException {
    // Our failure, not the sender's: 500 so Zixflow retries once the store is back.
    this.logger.error(`Postback dedup store failed: ${describe(error)}`);
    return new ZixflowPostbackHttpException(500, 'postback could not be recorded; retry later');
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
