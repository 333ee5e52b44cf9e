/**
 * (b) Postback ingestion: autocannon against the @ZixflowPostback() endpoint and a bare 200 endpoint of
 * the same Nest app (own process, rawBody: true). Each postback request gets a fresh body (setupRequest)
 * with a distinct status_at, so de-duplication never short-circuits: every request runs the handler.
 */
import autocannon from 'autocannon';
import { PostbackTokenSigner, buildPostbackUrl } from '../../lib';
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

export interface PostbackIngestionResult {
  adapter: 'express' | 'fastify';
  bare: CannonFigures;
  /** Bare endpoint plus a no-op guard and a no-op interceptor: Nest's own cost of that machinery. */
  noop: CannonFigures;
  postback: CannonFigures;
  /** Postbacks the handler ran (not taken for duplicates), as counted by the app. */
  handled: number;
}

export interface PostbackIngestionOptions {
  connections: number;
  durationSec: number;
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
): Promise<PostbackIngestionResult> {
  const app = await forkTs<{ type: 'ready'; port: number }>('servers/postback-app.server.ts', [adapter]);
  try {
    const origin = `http://127.0.0.1:${app.ready.port}`;
    const signer = new PostbackTokenSigner(BENCH_POSTBACK_SECRET);
    const signed = new URL(buildPostbackUrl(`${origin}/webhooks/zixflow`, signer.sign(BENCH_RECIPIENT)));
    const headers = { 'content-type': 'application/json' };
    const postbackRequest = {
      method: 'POST' as const,
      path: `${signed.pathname}${signed.search}`,
      headers,
      setupRequest: (req: autocannon.Request) => ({ ...req, body: postbackBody(++seq) }),
    };
    const bareRequest = { method: 'POST' as const, path: '/bare', headers, body: postbackBody(0) };
    const noopRequest = { ...bareRequest, path: '/noop' };
    const base = { url: origin, connections: opts.connections };

    await cannon({ ...base, duration: opts.warmupSec, requests: [bareRequest] });
    await cannon({ ...base, duration: opts.warmupSec, requests: [postbackRequest] });
    const before = await statsOf(app);
    const bare = await cannon({ ...base, duration: opts.durationSec, requests: [bareRequest] });
    const noop = await cannon({ ...base, duration: opts.noopDurationSec, requests: [noopRequest] });
    const postback = await cannon({ ...base, duration: opts.durationSec, requests: [postbackRequest] });
    const after = await statsOf(app);
    return { adapter, bare, noop, postback, handled: after.postback - before.postback };
  } finally {
    await app.stop();
  }
}

async function statsOf(app: Awaited<ReturnType<typeof forkTs>>): Promise<{ postback: number; bare: number }> {
  app.proc.send({ type: 'stats' });
  return app.next<{ postback: number; bare: number }>('stats', 5_000);
}
