import { ZixflowAbortedError } from '../errors/zixflow-aborted.error';
import { ZixflowNotFoundError } from '../errors/zixflow-not-found.error';
import { ZixflowWaitTimeoutError } from '../errors/zixflow-wait-timeout.error';
import { ZixflowEvent } from '../events/zixflow-event';
import type { ZixflowEventPublisher } from '../events/zixflow-event.publisher';
import type { ZixflowPostbackEvent } from '../postback/interfaces/zixflow-postback-event.interface';
import { abortableDelay } from '../transport/abortable-delay';
import type { DeliveryReport } from './interfaces/delivery-report.interface';
import type { DeliveryStatusUpdate, WaitForStatusOptions } from './interfaces/wait-for-status.interface';

export const TERMINAL_STATUSES = ['delivered', 'failed', 'rejected', 'expired', 'undelivered'];

type FetchReport = (requestId: string, signal: AbortSignal) => Promise<DeliveryReport>;

/**
 * Resolves with the first awaited status for one request: from a postback as soon as one arrives, or from
 * the delivery report, polled meanwhile (postbacks may be disabled, lost or late). A 404 while polling means
 * "not known yet" and polling goes on; any other error ends the wait with that error.
 */
export function waitForDeliveryStatus(
  requestId: string,
  options: WaitForStatusOptions,
  events: ZixflowEventPublisher,
  fetchReport: FetchReport,
): Promise<DeliveryStatusUpdate> {
  const wanted = new Set((options.statuses ?? TERMINAL_STATUSES).map((s) => s.toLowerCase()));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const stop = new AbortController();
  let lastStatus: string | undefined;

  return new Promise<DeliveryStatusUpdate>((resolve, reject) => {
    const finish = (settle: () => void): void => {
      if (stop.signal.aborted) return;
      stop.abort();
      unsubscribe();
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = (): void => finish(() => reject(new ZixflowAbortedError('not_sent')));
    const unsubscribe = events.subscribe(ZixflowEvent.Postback, (payload) => {
      const event = payload as ZixflowPostbackEvent;
      if (event.requestId !== requestId) return;
      lastStatus = event.status;
      if (!wanted.has(event.status.toLowerCase())) return;
      finish(() =>
        resolve({
          requestId,
          status: event.status,
          statusAt: event.statusAt,
          statusDate: event.statusDate,
          remark: event.remark,
          messageId: event.messageId,
          source: 'postback',
        }),
      );
    });
    const timer = setTimeout(
      () => finish(() => reject(new ZixflowWaitTimeoutError(requestId, timeoutMs, lastStatus))),
      timeoutMs,
    );
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    void (async () => {
      while (!stop.signal.aborted) {
        try {
          const report = await fetchReport(requestId, stop.signal);
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
