/**
 * (b) Postback ingestion: autocannon against the @ZixflowPostback() endpoint and a bare 200 endpoint of
 * the same Nest app (own process, rawBody: true). Both get the same requests: a fresh documented body per
 * request (setupRequest, a distinct status_at, so de-duplication never short-circuits and every request
 * runs the handler) on a URL carrying the same signed query string. The load generator then does the same
 * work for both, and only the server's side differs. Rounds alternate bare/postback so drift on a shared
 * host hits both; the ratio reported is the median of the per-round ratios.
 * With `store: 'redis'` the app keeps its state on a RedisZixflowStore (one round trip per postback).
 * BENCH_POSTBACK_ENDPOINT=intercepted measures the hand-composed guard + ZixflowPostbackInterceptor route
 * instead of @ZixflowPostback() (what the handler wrapper buys).
 */
import autocannon from 'autocannon';
import { PostbackTokenSigner } from '../../lib/postback/auth/postback-token.signer';
import { buildPostbackUrl } from '../../lib/postback/auth/postback-url.util';
import { forkTs } from '../child';
import { BENCH_POSTBACK_SECRET, BENCH_RECIPIENT, postbackBody } from '../fixtures';

export interface CannonFigures {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
}

export interface PostbackRound {
  bare: CannonFigures;
  postback: CannonFigures;
  ratio: number;
}

export interface PostbackIngestionResult {
  adapter: 'express' | 'fastify';
  rounds: PostbackRound[];
  /** Median of the per-round postback/bare ratios. */
  medianRatio: number;
  /** The round whose ratio is the median: its figures are the ones printed as "measured". */
  medianRound: PostbackRound;
  /** Bare endpoint plus a no-op guard and a no-op interceptor: Nest's own cost of that machinery. */
  noop: CannonFigures;
  /** Postbacks the handler ran (not taken for duplicates), as counted by the app. */
  handled: number;
  /** Postback requests sent in the measured rounds. */
  sent: number;
}

export interface PostbackIngestionOptions {
  connections: number;
  durationSec: number;
  rounds: number;
  /** The no-op guard/interceptor reference point, shorter (it is context, not a target). */
  noopDurationSec: number;
  warmupSec: number;
}

function cannon(opts: autocannon.Options): Promise<CannonFigures> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (error, result) => {
      if (error) return reject(error);
      resolve({
        requestsPerSecond: result.requests.average,
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
        total: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
      });
    });
  });
}

let seq = 0;

export async function runPostbackIngestion(
  adapter: 'express' | 'fastify',
  opts: PostbackIngestionOptions,
  store: 'memory' | 'redis' = 'memory',
): Promise<PostbackIngestionResult> {
  const app = await forkTs<{ type: 'ready'; port: number }>('servers/postback-app.server.ts', [
    adapter,
    store,
  ]);
  try {
    const origin = `http://127.0.0.1:${app.ready.port}`;
    const signer = new PostbackTokenSigner(BENCH_POSTBACK_SECRET);
    const signed = new URL(buildPostbackUrl(`${origin}/webhooks/zixflow`, signer.sign(BENCH_RECIPIENT)));
    const request = (pathname: string) => ({
      method: 'POST' as const,
      path: `${pathname}${signed.search}`,
      headers: { 'content-type': 'application/json' },
      setupRequest: (req: autocannon.Request) => ({ ...req, body: postbackBody(++seq) }),
    });
    const base = { url: origin, connections: opts.connections };
    const bareRequest = request('/bare');
    const postbackRequest = request(
      process.env.BENCH_POSTBACK_ENDPOINT === 'intercepted'
        ? `${signed.pathname}-intercepted`
        : signed.pathname,
    );

    await cannon({ ...base, duration: opts.warmupSec, requests: [bareRequest] });
    await cannon({ ...base, duration: opts.warmupSec, requests: [postbackRequest] });
    // Warmed like the others: measured cold, the JIT still compiling made it look far costlier than it is.
    const noopRequest = request('/noop');
    await cannon({ ...base, duration: opts.warmupSec, requests: [noopRequest] });
    const noop = await cannon({ ...base, duration: opts.noopDurationSec, requests: [noopRequest] });
    const before = await statsOf(app);
    const rounds: PostbackRound[] = [];
    for (let i = 0; i < opts.rounds; i++) {
      // Alternate which goes first, so neither always runs on a warmer (or busier) host.
      const first = i % 2 === 0 ? bareRequest : postbackRequest;
      const second = i % 2 === 0 ? postbackRequest : bareRequest;
      const a = await cannon({ ...base, duration: opts.durationSec, requests: [first] });
      const b = await cannon({ ...base, duration: opts.durationSec, requests: [second] });
      const [bare, postback] = i % 2 === 0 ? [a, b] : [b, a];
      rounds.push({ bare, postback, ratio: postback.requestsPerSecond / bare.requestsPerSecond });
    }
    const after = await statsOf(app);
    const sorted = [...rounds].sort((x, y) => x.ratio - y.ratio);
    const medianRound = sorted[Math.floor(sorted.length / 2)];
    return {
      adapter,
      rounds,
      medianRatio: medianRound.ratio,
      medianRound,
      noop,
      handled: after.postback + after.intercepted - before.postback - before.intercepted,
      sent: rounds.reduce((sum, r) => sum + r.postback.total, 0),
    };
  } finally {
    await app.stop();
  }
}

interface AppStats {
  postback: number;
  intercepted: number;
  bare: number;
}

async function statsOf(app: Awaited<ReturnType<typeof forkTs>>): Promise<AppStats> {
  app.proc.send({ type: 'stats' });
  return app.next<AppStats>('stats', 5_000);
}
