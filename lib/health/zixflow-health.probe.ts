import { Inject, Injectable } from '@nestjs/common';
import { ZIXFLOW_RESOLVED_OPTIONS, ZIXFLOW_STORE, ZIXFLOW_TRANSPORT } from '../zixflow.constants';
import type { ZixflowResolvedOptions } from '../interfaces/zixflow-resolved-options.interface';
import type { ZixflowTransport } from '../transport/zixflow-transport.interface';
import type { ZixflowStore } from '../store/zixflow-store.interface';
import { ZixflowEventPublisher } from '../events/zixflow-event.publisher';
import { ZixflowEvent } from '../events/zixflow-event';
import type { SmsSendFailedEvent } from '../events/sms-send-failed.event';
import { ZixflowError } from '../errors/zixflow.error';
import { ZixflowErrorCode } from '../errors/zixflow-error-code.enum';
import { SmsService } from '../sms/sms.service';
import { SendFailureWindow } from './send-failure.window';
import type {
  ZixflowHealthCredentials,
  ZixflowHealthSends,
  ZixflowHealthStore,
  ZixflowHealthTransport,
} from './interfaces/zixflow-health-details.interface';

/** Failures are counted over the last 5 minutes, in 10-second steps. */
const FAILURE_WINDOW_MS = 300_000;
const FAILURE_WINDOW_STEPS = 30;
/** The request id the store read and the active check ask for: nothing ever has it. */
export const HEALTH_PROBE_REQUEST_ID = 'zixflow-health-check';

/** What withTimeout rejects with. */
class ProbeTimeout extends Error {}

/** `work`, or a rejection with ProbeTimeout after `ms`; the timer never holds the process open. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout()), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * What the health check reads, gathered inside the module so that it exists from boot and the Terminus
 * indicator (`nestjs-zixflow/health`) only formats it: send outcomes (from the in-process events), the pool's
 * counters, a store read and the credential check. Loads nothing from `@nestjs/terminus`.
 */
@Injectable()
export class ZixflowHealthProbe {
  private readonly failures = new SendFailureWindow(FAILURE_WINDOW_MS, FAILURE_WINDOW_STEPS);
  private lastSuccessAt: number | undefined;
  private lastFailure: { code: string; at: number } | undefined;
  /** Whether the latest send outcome was a failure with AUTH (a success since clears it). */
  private authRefused = false;
  private credentials: { result: ZixflowHealthCredentials; at: number } | undefined;
  private credentialsInFlight: Promise<ZixflowHealthCredentials> | undefined;

  constructor(
    events: ZixflowEventPublisher,
    @Inject(ZIXFLOW_TRANSPORT) private readonly transport: ZixflowTransport,
    @Inject(ZIXFLOW_STORE) private readonly store: ZixflowStore,
    @Inject(ZIXFLOW_RESOLVED_OPTIONS) private readonly options: ZixflowResolvedOptions,
    private readonly sms: SmsService,
  ) {
    events.subscribe(ZixflowEvent.SmsQueued, () => {
      this.lastSuccessAt = Date.now();
      this.authRefused = false;
    });
    events.subscribe(ZixflowEvent.SmsSendFailed, (payload) => {
      const { code } = (payload as SmsSendFailedEvent).error;
      this.lastFailure = { code, at: Date.now() };
      this.authRefused = code === ZixflowErrorCode.Auth;
      this.failures.record(code);
    });
  }

  /** Outcomes of this instance's sends since boot; `authRefused` when the last one was refused with AUTH. */
  sends(): ZixflowHealthSends & { authRefused: boolean } {
    const { windowMs, byCode } = this.failures.snapshot();
    return {
      lastSuccessAt: this.lastSuccessAt === undefined ? null : new Date(this.lastSuccessAt).toISOString(),
      lastFailure: this.lastFailure
        ? { code: this.lastFailure.code, at: new Date(this.lastFailure.at).toISOString() }
        : null,
      failuresByCode: byCode,
      failureWindowSeconds: windowMs / 1000,
      authRefused: this.authRefused,
    };
  }

  /** Which adapter sends, and the undici pool's counters when it is the one. */
  transportStats(): ZixflowHealthTransport {
    if (!this.transport.poolStats) return { adapter: 'http' };
    return { adapter: 'undici', ...this.transport.poolStats() };
  }

  /** Reads a fixed key from the `store` option; the default in-process store is not probed. */
  async probeStore(timeoutMs: number): Promise<ZixflowHealthStore> {
    if (this.options.store === undefined) return { configured: false };
    try {
      await withTimeout(
        Promise.resolve().then(() => this.store.getStatus(HEALTH_PROBE_REQUEST_ID)),
        timeoutMs,
      );
      return { configured: true, reachable: true };
    } catch (error) {
      return { configured: true, reachable: false, error: storeFailureCode(error) };
    }
  }

  /**
   * One delivery-report read of a request id that does not exist: a 404 (or a report) proves the credentials
   * accepted. The result is reused for `cacheMs`, and concurrent checks share the read in flight.
   */
  checkCredentials(timeoutMs: number, cacheMs: number): Promise<ZixflowHealthCredentials> {
    if (this.credentials && Date.now() - this.credentials.at < cacheMs) {
      return Promise.resolve(this.credentials.result);
    }
    this.credentialsInFlight ??= this.readReport(timeoutMs).finally(() => {
      this.credentialsInFlight = undefined;
    });
    return this.credentialsInFlight;
  }

  private async readReport(timeoutMs: number): Promise<ZixflowHealthCredentials> {
    const at = Date.now();
    const checkedAt = new Date(at).toISOString();
    // The signal also bounds a wait for a free slot (`limits`) before the request starts.
    const signal = AbortSignal.timeout(timeoutMs);
    let result: ZixflowHealthCredentials;
    try {
      await this.sms.getDeliveryReport(HEALTH_PROBE_REQUEST_ID, {
        timeoutMs,
        signal,
        retry: { maxAttempts: 1 },
      });
      result = { accepted: true, checkedAt };
    } catch (error) {
      const code = signal.aborted
        ? ZixflowErrorCode.Timeout
        : error instanceof ZixflowError
          ? error.code
          : ZixflowErrorCode.Internal;
      result =
        code === ZixflowErrorCode.NotFound
          ? { accepted: true, checkedAt }
          : { accepted: false, error: code, checkedAt };
    }
    this.credentials = { result, at };
    return result;
  }
}

/** A code for a failed store read, never its message, which a store's driver may fill with a URL or password. */
function storeFailureCode(error: unknown): string {
  if (error instanceof ProbeTimeout) return ZixflowErrorCode.Timeout;
  if (error instanceof ZixflowError) return error.code;
  return ZixflowErrorCode.StoreUnavailable;
}
