import { Injectable, Logger } from '@nestjs/common';
import { ZixflowEvent, postbackEventName } from '../../events/zixflow-event';
import { ZixflowEventPublisher } from '../../events/zixflow-event.publisher';
import type { ZixflowPostbackEvent } from '../interfaces/zixflow-postback-event.interface';
import { ZIXFLOW_POSTBACK_LOGGER_CONTEXT } from '../zixflow-postback.constants';

/**
 * Channel and status come from the (unsigned) body and become part of an event name: anything beyond
 * plain word characters could address other listeners when EventEmitter2 runs with wildcards or a custom
 * delimiter, so such postbacks get only the generic `zixflow.postback` event.
 */
const EVENT_NAME_SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

const GENERIC_ONLY: readonly string[] = Object.freeze([ZixflowEvent.Postback]);

/**
 * Publishes an accepted postback as `zixflow.postback` and, when it is news (not stale), as
 * `zixflow.postback.<channel>.<status>`.
 */
@Injectable()
export class PostbackEventDispatcher {
  private readonly logger = new Logger(ZIXFLOW_POSTBACK_LOGGER_CONTEXT);

  constructor(private readonly events: ZixflowEventPublisher) {}

  /** Event names an accepted postback is published under; a stale one only under `zixflow.postback`. */
  eventNames(event: ZixflowPostbackEvent): readonly string[] {
    const { channel, status } = event;
    if (event.stale) return GENERIC_ONLY;
    if (!EVENT_NAME_SEGMENT.test(channel) || !EVENT_NAME_SEGMENT.test(status)) {
      this.logger.warn('Postback channel or status is not a plain word: published as zixflow.postback only');
      return [ZixflowEvent.Postback];
    }
    return [ZixflowEvent.Postback, postbackEventName(channel, status)];
  }

  /**
   * Fire and forget. emitAsync rather than emit: an async listener (and every @OnEvent listener with
   * `suppressErrors: false`) reports failure as a rejected promise, which emit would leave unhandled.
   */
  publish(event: ZixflowPostbackEvent): void {
    if (!this.events.enabled) {
      // Only in-process subscribers, which emit serves exactly as emitAsync would, minus the promises.
      for (const name of this.eventNames(event)) this.events.emit(name, event);
      return;
    }
    for (const name of this.eventNames(event)) {
      this.events.emitAsync(name, event).catch((error: unknown) => {
        this.logger.error(
          `A listener of ${name} failed; the postback was acknowledged anyway: ${describe(error)}`,
          error instanceof Error ? error.stack : undefined,
        );
      });
    }
  }

  /** Resolves when every listener has finished; rejects with the first failure. */
  async publishAndWait(event: ZixflowPostbackEvent): Promise<void> {
    await Promise.all(this.eventNames(event).map((name) => this.events.emitAsync(name, event)));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
