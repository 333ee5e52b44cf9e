/**
 * (e) Fan-out latency between replicas: one RedisZixflowStore claims postbacks one after another (as the
 * replica that received them), another (a second connection, as another replica) listens; the time from
 * each claim's call to its arrival at the other listener, over loopback Redis at REDIS_URL. This is what
 * `waitForStatus` on one replica waits for a postback received by another, less the HTTP around it.
 */
import { performance } from 'node:perf_hooks';
import { RedisZixflowStore } from '../../lib/redis';

export interface FanOutResult {
  heard: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function runFanOut(count: number): Promise<FanOutResult> {
  const connection = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `zixflow-bench:fanout:${process.pid}:`;
  // Short TTLs: the bench leaves nothing in Redis for long.
  const ttls = { dedupTtlMs: 60_000, statusTtlMs: 60_000, pendingTtlMs: 60_000 };
  const receiver = new RedisZixflowStore({ connection, prefix, ...ttls });
  const claimer = new RedisZixflowStore({ connection, prefix, ...ttls });
  const started = new Map<string, number>();
  const latencies: number[] = [];
  let settle: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (settle = resolve));
  const stop = await receiver.subscribe((update) => {
    const at = started.get(update.requestId);
    if (at === undefined) return;
    latencies.push(performance.now() - at);
    if (latencies.length === count) settle();
  });
  try {
    for (let i = 0; i < count; i++) {
      const requestId = `fan-${i}`;
      const instant = `2026-01-28T17:17:59.${String(i).padStart(9, '0')}Z`;
      started.set(requestId, performance.now());
      await claimer.claimPostback({
        key: `${requestId}/delivered/${instant}`,
        record: {
          requestId,
          status: 'delivered',
          statusAt: instant,
          instant,
          final: true,
          messageId: String(604132581490819100n + BigInt(i)),
          remark: '',
        },
      });
    }
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  } finally {
    stop();
    await Promise.all([receiver.close(), claimer.close()]);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    heard: latencies.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: sorted[sorted.length - 1] ?? NaN,
  };
}
