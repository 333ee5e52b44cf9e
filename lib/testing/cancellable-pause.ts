import { setTimeout as sleep } from 'node:timers/promises';

/** Waits `ms` unless `signal` is (or gets) aborted; false when it was, so the caller drops what it was doing. */
export async function pauseUnlessAborted(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms <= 0) return true;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
