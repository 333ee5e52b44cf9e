import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ZIXFLOW_STORE } from '../../zixflow.constants';
import { ZixflowEvent } from '../../events/zixflow-event';
import { ZixflowEventPublisher } from '../../events/zixflow-event.publisher';
import { SmsOutcomeResolvedEvent } from '../../events/sms-outcome-resolved.event';
import { StoreFailureLog } from '../../store/store-failure.log';
import type { ZixflowPostbackClaimResult, ZixflowStore } from '../../store/zixflow-store.interface';
import { postbackClaim } from '../state/postback-claim';
import type { ResolvedPostbackConfig } from '../interfaces/resolved-postback-config.interface';
import type { ZixflowPostbackEvent } from '../interfaces/zixflow-postback-event.interface';
import { isPromiseLike } from '../../utils/is-promise-like';
import { PostbackEventDispatcher } from './postback-event.dispatcher';
import { ZixflowPostbackHttpException } from '../http/zixflow-postback-http.exception';
import { ZIXFLOW_POSTBACK_CONFIG, ZIXFLOW_POSTBACK_LOGGER_CONTEXT } from '../zixflow-postback.constants';
import { ZixflowTelemetry } from '../../telemetry/zixflow-telemetry';
import type { PostbackObserver } from '../../telemetry/postback.observer';

type Claimed = Exclude<ZixflowPostbackClaimResult, { duplicate: true }>;

/**
 * Handles a postback ZixflowPostbackGuard admitted, once every guard and pipe of the route let it through.
 * One store call claims it (ZixflowStore.claimPostback): a duplicate is acknowledged with 200, without the
 * handler or events; otherwise the event learns whether it is stale, a send of unknown outcome it settles
 * is announced, the listeners get it unless an earlier delivery already reached them, and the handler runs.
 * When the handler throws, the claim is released for the handler only, so Zixflow's retry runs the handler
 * again but not the listeners; when a listener fails with `ackAfterListeners`, it is released entirely.
 * A store failure answers 503, so Zixflow retries once the store is back.
 */
@Injectable()
export class PostbackProcessor {
  private readonly logger = new Logger(ZIXFLOW_POSTBACK_LOGGER_CONTEXT);

  constructor(
    @Inject(ZIXFLOW_POSTBACK_CONFIG) private readonly config: ResolvedPostbackConfig,
    @Inject(ZIXFLOW_STORE) private readonly store: ZixflowStore,
    private readonly dispatcher: PostbackEventDispatcher,
    private readonly events: ZixflowEventPublisher,
    private readonly failures: StoreFailureLog,
    @Optional() private readonly telemetry?: ZixflowTelemetry,
  ) {}

  /**
   * What `handle` returned, or undefined for a duplicate (`handle` not called); a promise of it unless the
   * store answered synchronously (the in-memory one does) and nothing had to be awaited. Staying
   * synchronous then spares every postback a chain of promises, which costs more than the store itself.
   * Failures always come as a rejected promise, after the claim is released.
   * `sentAtMs`: when the send was signed (from the verified token), for the send-to-final-status metric.
   */
  process(event: ZixflowPostbackEvent, handle: () => unknown, sentAtMs?: number): unknown {
    // Undefined unless an OpenTelemetry SDK is registered: then a span and metrics for this postback.
    const observer = this.telemetry?.startPostback(event, sentAtMs);
    if (observer === undefined) return this.claimAndRun(event, handle, undefined);
    const result = this.claimAndRun(event, handle, observer);
    if (!isPromiseLike(result)) {
      observer.succeeded();
      return result;
    }
    return Promise.resolve(result).then(
      (value) => {
        observer.succeeded();
        return value;
      },
      (error: unknown) => {
        observer.failed(error);
        throw error;
      },
    );
  }

  private claimAndRun(
    event: ZixflowPostbackEvent,
    handle: () => unknown,
    observer: PostbackObserver | undefined,
  ): unknown {
    const { key, record } = postbackClaim(event);
    let answer: ZixflowPostbackClaimResult | Promise<ZixflowPostbackClaimResult>;
    try {
      answer = this.store.claimPostback({ key, record });
    } catch (error) {
      return Promise.reject(this.storeFailed(error));
    }
    if (isPromiseLike(answer) || this.config.ackAfterListeners) {
      return this.processAsync(key, answer, event, handle, observer);
    }
    observer?.claimed(answer);
    if (answer.duplicate) return undefined;
    this.admit(answer, event);
    if (answer.firstDelivery) this.dispatcher.publish(event);
    return this.runHandler(key, handle);
  }

  private async processAsync(
    key: string,
    answer: ZixflowPostbackClaimResult | Promise<ZixflowPostbackClaimResult>,
    event: ZixflowPostbackEvent,
    handle: () => unknown,
    observer: PostbackObserver | undefined,
  ): Promise<unknown> {
    let claimed: ZixflowPostbackClaimResult;
    try {
      claimed = await answer;
    } catch (error) {
      throw this.storeFailed(error);
    }
    observer?.claimed(claimed);
    if (claimed.duplicate) return undefined;
    this.admit(claimed, event);
    if (claimed.firstDelivery && this.config.ackAfterListeners) {
      try {
        await this.dispatcher.publishAndWait(event);
      } catch (error) {
        this.logger.error(
          `A postback listener failed; answering 500 so Zixflow retries: ${describe(error)}`,
          error instanceof Error ? error.stack : undefined,
        );
        await this.release(key, 'all');
        throw new ZixflowPostbackHttpException(500, 'postback listener failed; retry later');
      }
    } else if (claimed.firstDelivery) {
      this.dispatcher.publish(event);
    }
    return this.runHandler(key, handle);
  }

  /** What the claim decided that the handler and the listeners must see. */
  private admit(claimed: Claimed, event: ZixflowPostbackEvent): void {
    (event as { stale: boolean }).stale = claimed.stale;
    if (claimed.settledPending && event.sendId !== undefined) {
      this.events.emit(
        ZixflowEvent.SmsOutcomeResolved,
        new SmsOutcomeResolvedEvent(event.sendId, event.requestId, event.status, event.workspace),
      );
    }
  }

  private runHandler(key: string, handle: () => unknown): unknown {
    let result: unknown;
    try {
      result = handle();
    } catch (error) {
      return this.releaseAndRethrow(key, error);
    }
    if (!isPromiseLike(result)) return result;
    return Promise.resolve(result).catch((error: unknown) => this.releaseAndRethrow(key, error));
  }

  private async releaseAndRethrow(key: string, error: unknown): Promise<never> {
    await this.release(key, 'handler');
    throw error;
  }

  private storeFailed(error: unknown): ZixflowPostbackHttpException {
    // Not the sender's fault, and nothing was recorded: 503 so Zixflow retries once the store is back.
    // Logged once a minute at most: an outage under postback traffic would otherwise flood the log.
    this.failures.record('record a postback (answered 503)', error);
    return new ZixflowPostbackHttpException(503, 'postback could not be recorded; retry later');
  }

  private async release(key: string, scope: 'handler' | 'all'): Promise<void> {
    try {
      await this.store.releasePostback(key, scope);
    } catch (error) {
      // The retry will be taken for a duplicate; say so rather than hide it behind the original failure.
      this.failures.record('release a failed postback (its retry will be taken for a duplicate)', error);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
