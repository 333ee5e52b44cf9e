import { performance } from 'node:perf_hooks';

export interface LoadResult {
  completed: number;
  failed: number;
  ms: number;
  perSecond: number;
  /** CPU time (user + system) of this process per completed call, in µs: steadier than req/s on a busy host. */
  cpuUsPerCall: number;
  firstError?: string;
}

/**
 * Runs `fn` `total` times with `concurrency` in flight, and stops issuing new calls after `maxMs`
 * whatever the count, so a stalled server cannot hang the bench.
 */
export async function runLoad(
  fn: (i: number) => Promise<unknown>,
  total: number,
  concurrency: number,
  maxMs: number,
): Promise<LoadResult> {
  let issued = 0;
  let completed = 0;
  let failed = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const deadline = start + maxMs;
  const worker = async (): Promise<void> => {
    while (issued < total && performance.now() < deadline) {
      const i = issued++;
      try {
        await fn(i);
        completed++;
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuUsPerCall = completed > 0 ? (cpu.user + cpu.system) / completed : 0;
  return { completed, failed, ms, perSecond: (completed / ms) * 1000, cpuUsPerCall, firstError };
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
