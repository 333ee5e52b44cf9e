import { ZixflowStoreUnavailableError } from '../../errors/zixflow-store-unavailable.error';
import { ZixflowValidationError } from '../../errors/zixflow-validation.error';
import { followStore } from '../../store/follow-store';
import type { ZixflowStore } from '../../store/zixflow-store.interface';
import type { ResolveOutcomeOptions, SendOutcomeResolution } from './send-outcome-resolution.interface';

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Waits for the first postback naming `sendId`, on any instance sharing the store: subscribed first, then
 * looked up, so a postback landing between the two is not missed. `timeoutMs` runs from the lookup's answer
 * (so `timeoutMs: 0` is a plain lookup, even on a store that answers later). `unresolved` at the timeout or on abort;
 * a store that cannot answer rejects with ZixflowStoreUnavailableError (unresolved would invite a resend).
 */
export function resolveSendOutcome(
  sendId: string,
  options: ResolveOutcomeOptions,
  store: ZixflowStore,
): Promise<SendOutcomeResolution> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const problems = [];
  if (typeof sendId !== 'string' || sendId.trim() === '') {
    problems.push({ field: 'sendId', reasons: ['sendId must be a non-empty string'] });
  }
  if (!(typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) && timeoutMs >= 0)) {
    problems.push({ field: 'timeoutMs', reasons: ['timeoutMs must be a non-negative number'] });
  }
  if (problems.length > 0) return Promise.reject(new ZixflowValidationError(problems));

  return new Promise((resolve, reject) => {
    let done = false;
    let unsubscribe: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (settle: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      unsubscribe?.();
      settle();
    };
    const queued = (requestId: string): void => finish(() => resolve({ sendId, state: 'queued', requestId }));
    const onAbort = (): void => finish(() => resolve({ sendId, state: 'unresolved' }));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    followStore({
      subscribe: () =>
        store.subscribe((update) => {
          if (update.sendId === sendId) queued(update.requestId);
        }),
      read: () => store.getSettled(sendId),
      ended: () => done,
      listening: (stop) => (unsubscribe = stop),
    }).then(
      (settled) => {
        if (settled !== undefined) return queued(settled.requestId);
        if (!done) timer = setTimeout(onAbort, timeoutMs);
      },
      (error: unknown) =>
        finish(() => reject(new ZixflowStoreUnavailableError('resolve the outcome of a send', error))),
    );
  });
}
