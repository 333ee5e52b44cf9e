import { ZixflowAbortedError } from '../errors/zixflow-aborted.error';
import { ZixflowNotFoundError } from '../errors/zixflow-not-found.error';
import { ZixflowWaitTimeoutError } from '../errors/zixflow-wait-timeout.error';
import { followStore } from '../store/follow-store';
import { FINAL_STATUSES } from '../store/status-order';
import type {
  ZixflowStatusRecord,
  ZixflowStatusUpdate,
  ZixflowStoreResult,
} from '../store/zixflow-store.interface';
import { abortableDelay } from '../transport/abortable-delay';
import type { DeliveryReport } from './interfaces/delivery-report.interface';
import type { DeliveryStatusUpdate, WaitForStatusOptions } from './interfaces/wait-for-status.interface';
import { fromRecord } from './delivery-status.reader';

/** Where waitForDeliveryStatus learns of statuses. */
export interface DeliveryStatusSources {
  /** The store's fan-out: postbacks received by any instance sharing it. */
  subscribe(listener: (update: ZixflowStatusUpdate) => void): ZixflowStoreResult<() => void>;
  /** The store's latest status of the request. */
  latest(): ZixflowStoreResult<ZixflowStatusRecord | undefined>;
  fetchReport(requestId: string, signal: AbortSignal): Promise<DeliveryReport>;
  /** A store read failed: the wait goes on with what still works. */
  storeFailed(operation: string, error: unknown): void;
}

/**
 * Resolves with the first awaited status for one request: from a postback received by any instance (the
 * store's fan-out) as soon as it arrives, from the store's latest status, or from the delivery report,
 * polled meanwhile (postbacks may be disabled, lost or late, and the fan-out is best effort). A 404 while
 * polling means "not known yet" and polling goes on; any other report error ends the wait with that error.
 */
export function waitForDeliveryStatus(
  requestId: string,
  options: WaitForStatusOptions,
  sources: DeliveryStatusSources,
): Promise<DeliveryStatusUpdate> {
  const wanted = new Set((options.statuses ?? FINAL_STATUSES).map((s) => s.toLowerCase()));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const stop = new AbortController();
  let lastStatus: string | undefined;
  let unsubscribe: (() => void) | undefined;

  return new Promise<DeliveryStatusUpdate>((resolve, reject) => {
    const finish = (settle: () => void): void => {
      if (stop.signal.aborted) return;
      stop.abort();
      unsubscribe?.();
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = (): void => finish(() => reject(new ZixflowAbortedError('not_sent')));
    /** A status from the store (fan-out or latest): ends the wait when awaited. */
    const consider = (record: ZixflowStatusRecord): void => {
      if (record.requestId !== requestId) return;
      lastStatus = record.status;
      if (wanted.has(record.status.toLowerCase())) finish(() => resolve(fromRecord(record)));
    };
    const timer = setTimeout(
      () => finish(() => reject(new ZixflowWaitTimeoutError(requestId, timeoutMs, lastStatus))),
      timeoutMs,
    );
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    followStore({
      subscribe: () => sources.subscribe(consider),
      read: () => sources.latest(),
      ended: () => stop.signal.aborted,
      listening: (stopListening) => (unsubscribe = stopListening),
    }).then(
      (latest) => {
        if (latest !== undefined) consider(latest);
      },
      (error: unknown) => sources.storeFailed('follow the status of a request', error),
    );

    void (async () => {
      while (!stop.signal.aborted) {
        try {
          const report = await sources.fetchReport(requestId, stop.signal);
          if (report.status) lastStatus = report.status;
          if (wanted.has(report.status.toLowerCase())) {
            return finish(() => resolve({ ...report, requestId, source: 'report' }));
          }
        } catch (error) {
          if (stop.signal.aborted) return;
          if (!(error instanceof ZixflowNotFoundError)) return finish(() => reject(error));
        }
        await abortableDelay(pollIntervalMs, stop.signal).catch(() => undefined);
      }
    })();
  });
}
