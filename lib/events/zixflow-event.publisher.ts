import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import { EVENT_EMITTER_TOKEN } from './event-emitter.token';

/**
 * Publishes through the app's EventEmitter2 when EventEmitterModule is imported, and does nothing otherwise.
 * A listener that throws is logged, never allowed to fail the send or the postback that triggered it.
 */
@Injectable()
export class ZixflowEventPublisher {
  private readonly logger = new Logger('ZixflowEvents');

  constructor(@Optional() @Inject(EVENT_EMITTER_TOKEN) private readonly emitter?: EventEmitter2) {}

  /** True when an EventEmitter2 is available (EventEmitterModule imported). */
  get enabled(): boolean {
    return this.emitter !== undefined;
  }

  emit(name: string, payload: unknown): void {
    if (!this.emitter) return;
    try {
      this.emitter.emit(name, payload);
    } catch (error) {
      this.logger.error(`A listener of ${name} threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Awaits every listener; rejects if one fails (used when the caller wants failures to surface). */
  async emitAsync(name: string, payload: unknown): Promise<void> {
    if (!this.emitter) return;
    await this.emitter.emitAsync(name, payload);
  }
}
