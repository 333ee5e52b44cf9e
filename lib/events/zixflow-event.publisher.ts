import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import { EVENT_EMITTER_TOKEN } from './event-emitter.token';

type LocalListener = (payload: unknown) => void;

/**
 * Publishes through the app's EventEmitter2 when EventEmitterModule is imported, and does nothing otherwise.
 * A listener that throws is logged, never allowed to fail the send or the postback that triggered it.
 * In-process subscribers (`subscribe`) are served either way, so features like `waitForStatus` work
 * without EventEmitterModule.
 */
@Injectable()
export class ZixflowEventPublisher {
  private readonly logger = new Logger('ZixflowEvents');
  private readonly local = new Map<string, Set<LocalListener>>();

  constructor(@Optional() @Inject(EVENT_EMITTER_TOKEN) private readonly emitter?: EventEmitter2) {}

  /** True when an EventEmitter2 is available (EventEmitterModule imported). */
  get enabled(): boolean {
    return this.emitter !== undefined;
  }

  /**
   * Whether `emit(name, ...)` would reach anyone: an EventEmitter2 (whatever its listeners) or an in-process
   * subscriber of `name`. When not, a caller may skip building the payload: emitting it would do nothing.
   */
  listens(name: string): boolean {
    return this.emitter !== undefined || this.local.has(name);
  }

  /** Listens in-process; returns the function that stops listening. */
  subscribe(name: string, listener: LocalListener): () => void {
    let listeners = this.local.get(name);
    if (!listeners) this.local.set(name, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.local.delete(name);
    };
  }

  emit(name: string, payload: unknown): void {
    this.notifyLocal(name, payload);
    if (!this.emitter) return;
    try {
      this.emitter.emit(name, payload);
    } catch (error) {
      this.logger.error(
        `A listener of ${name} threw: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Awaits every listener; rejects if one fails (used when the caller wants failures to surface). */
  async emitAsync(name: string, payload: unknown): Promise<void> {
    this.notifyLocal(name, payload);
    if (!this.emitter) return;
    await this.emitter.emitAsync(name, payload);
  }

  private notifyLocal(name: string, payload: unknown): void {
    const listeners = this.local.get(name);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(payload);
      } catch (error) {
        this.logger.error(
          `An in-process listener of ${name} threw: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}
