/**
 * Profiling aid, not run by `npm run bench`: a postback's own work measured in-process, without HTTP. The
 * bench's Fastify postback app module is built (app.init(), no listen), and each postback goes through the
 * real ZixflowPostbackGuard (with Nest's ExecutionContextHost, as Nest calls it) and the PostbackProcessor,
 * on a request object shaped as Fastify's (`url`, `query`, `headers`, `rawBody`). Bodies are the bench's (distinct
 * `status_at`, one signed URL), all made before the first postback, so counting runs of different lengths
 * and subtracting leaves the postbacks alone:
 *   npx ts-node --transpile-only -e "require('./bench/build').buildForChildren()"
 *   valgrind --tool=callgrind --dump-instr=no -q --callgrind-out-file=/tmp/cg.a node --predictable \
 *     --hash-seed=1 --random-seed=1 node_modules/.cache/nestjs-zixflow-bench/bench/profile-postback-inprocess.js 20000 0 40000
 *   (again with 20000 measured and --callgrind-out-file=/tmp/cg.b)
 * Instructions per postback = (inclusive cost of b − a) / 20 000: the `node::Start` line of
 * `callgrind_annotate --inclusive=yes`; the GC's share is the `Heap::CollectGarbage` and
 * `IncrementalMarking::Step` lines. `--predictable` (one thread, no timers' influence on the GC, fixed
 * seeds): without it, on a busy host, two runs of one build differed by up to 13 000 instructions per
 * postback (when the JIT's background compiles landed). argv: warm-up postbacks, measured postbacks, bodies
 * made (the same in both runs, at least warm-up + the larger measured count); `plain` as the fourth
 * argument times the measured postbacks instead.
 */
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { PostbackPayload, ZixflowModule, ZixflowPostback, type ZixflowPostbackEvent } from '../lib';
import { ZixflowPostbackGuard } from '../lib/postback/http/zixflow-postback.guard';
import { getPostbackRequestState } from '../lib/postback/http/postback-request-state';
import { PostbackTokenSigner } from '../lib/postback/auth/postback-token.signer';
import { buildPostbackUrl } from '../lib/postback/auth/postback-url.util';
import { POSTBACK_TOKEN_QUERY_PARAM } from '../lib/postback/postback.constants';
import {
  BENCH_API_KEY,
  BENCH_POSTBACK_SECRET,
  BENCH_RECIPIENT,
  BENCH_WORKSPACE,
  postbackBody,
} from './fixtures';

const [warmupArg = '20000', measuredArg = '20000', bodiesArg = '60000', mode = 'callgrind'] =
  process.argv.slice(2);
const warmup = Number(warmupArg);
const measured = Number(measuredArg);
const bodies = Math.max(Number(bodiesArg), warmup + measured);

let handled = 0;

@Controller()
class ProfileController {
  @ZixflowPostback('webhooks/zixflow')
  onPostback(@PostbackPayload() _event: ZixflowPostbackEvent): void {
    handled++;
  }
}

@Module({
  imports: [
    ZixflowModule.forRoot({
      apiKey: BENCH_API_KEY,
      workspaceId: BENCH_WORKSPACE,
      baseUrl: 'http://127.0.0.1:9',
      postback: { publicUrl: 'http://127.0.0.1/webhooks/zixflow', secret: BENCH_POSTBACK_SECRET },
    }),
  ],
  controllers: [ProfileController],
})
class ProfileModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(ProfileModule, new FastifyAdapter(), {
    rawBody: true,
    logger: ['error'],
  });
  await app.init();
  const guard = app.get(ZixflowPostbackGuard, { strict: false });
  const signer = new PostbackTokenSigner(BENCH_POSTBACK_SECRET);
  const signed = new URL(buildPostbackUrl('http://127.0.0.1/webhooks/zixflow', signer.sign(BENCH_RECIPIENT)));
  const url = `${signed.pathname}${signed.search}`;
  const token = signed.searchParams.get(POSTBACK_TOKEN_QUERY_PARAM);
  const raw = Array.from({ length: bodies }, (_, i) => Buffer.from(postbackBody(i + 1)));
  const handler = (): void => {
    handled++;
  };

  const postback = (i: number): void => {
    // Fastify has parsed the query before any guard runs (for a bare route too).
    const query = { [POSTBACK_TOKEN_QUERY_PARAM]: token };
    const request = { url, query, headers: { 'content-type': 'application/json' }, rawBody: raw[i] };
    const context = new ExecutionContextHost([request, {}, () => undefined]);
    context.setType('http');
    guard.canActivate(context);
    const admitted = getPostbackRequestState(request);
    if (admitted === undefined) throw new Error('not admitted');
    const result = admitted.processor.process(admitted.event, handler, admitted.sentAtMs);
    if (result !== undefined) throw new Error('the in-memory store answers synchronously');
  };

  for (let i = 0; i < warmup; i++) postback(i);
  const start = process.hrtime.bigint();
  for (let i = warmup; i < warmup + measured; i++) postback(i);
  const ns = Number(process.hrtime.bigint() - start);
  if (mode === 'plain') console.log(`${(ns / measured / 1000).toFixed(2)} µs per postback`);
  if (handled !== warmup + measured) throw new Error(`handled ${handled} of ${warmup + measured}`);
  await app.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
