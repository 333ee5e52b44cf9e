/**
 * Profiling aid, not run by `npm run bench`: the postback app of case (b) (servers/postback-app.server.ts)
 * driven over loopback by plain undici, phase after phase (bare, postback, postback, bare, bare, postback),
 * so the server's instructions per request can be counted under callgrind, which a busy host does not
 * skew. Build the plain-JS copy first, then run it:
 *   npx ts-node --transpile-only -e "require('./bench/build').buildForChildren()"
 *   node node_modules/.cache/nestjs-zixflow-bench/bench/profile-postback.js fastify callgrind 1200 2000
 * argv: adapter (express | fastify), mode (callgrind | cpu-prof | plain), requests per phase, warm-up requests.
 * With `callgrind`, the app runs under `valgrind --tool=callgrind`; its counters are zeroed after the warm-up
 * and dumped after each phase (`<tmpdir>/callgrind.postback.<pid>.<n>`, printed at the end; the phase is named
 * in each file's `desc: Trigger` line). Count per request with the main thread's inclusive cost
 * (`callgrind_annotate --inclusive=yes`, the `node::Start` line): the JIT's background compiles still run in
 * early phases and land in the totals. With `cpu-prof`, the app writes a V8 CPU profile to the working directory.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { PostbackTokenSigner } from '../lib/postback/auth/postback-token.signer';
import { buildPostbackUrl } from '../lib/postback/auth/postback-url.util';
import { forkTs } from './child';
import { BENCH_POSTBACK_SECRET, BENCH_RECIPIENT, postbackBody } from './fixtures';

const [adapter = 'fastify', mode = 'callgrind', perPhaseArg = '1200', warmupArg = '2000'] =
  process.argv.slice(2);
const perPhase = Number(perPhaseArg);
const warmup = Number(warmupArg);
let seq = 0;
const OUT_FILE = path.join(os.tmpdir(), 'callgrind.postback.%p');

async function send(pool: Pool, path: string, count: number, inFlight = 16): Promise<number> {
  let issued = 0;
  let refused = 0;
  const worker = async (): Promise<void> => {
    while (issued < count) {
      issued++;
      const response = await pool.request({
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        body: postbackBody(++seq),
      });
      await response.body.text();
      if (response.statusCode !== 200) refused++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return refused;
}

/** callgrind_control acts when the app next runs code: one request every 200 ms until it has answered. */
async function control(pid: number, flag: string, pool: Pool, path: string): Promise<void> {
  const tool = spawn('callgrind_control', [flag, String(pid)], { stdio: 'ignore' });
  let done = false;
  tool.on('exit', () => (done = true));
  while (!done) {
    await send(pool, path, 1, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  process.env.BENCH_APP_LIFETIME_MS = String(4 * 60 * 60 * 1000);
  const execArgv =
    mode === 'cpu-prof'
      ? ['--cpu-prof']
      : mode === 'callgrind'
        ? ['--tool=callgrind', '--dump-instr=no', '-q', `--callgrind-out-file=${OUT_FILE}`]
        : [];
  const app = await forkTs<{ type: 'ready'; port: number }>(
    'servers/postback-app.server.ts',
    [adapter, 'memory'],
    mode === 'callgrind' ? 600_000 : 30_000,
    mode === 'callgrind' ? { valgrind: execArgv } : { execArgv },
  );
  const origin = `http://127.0.0.1:${app.ready.port}`;
  const signer = new PostbackTokenSigner(BENCH_POSTBACK_SECRET);
  const signed = new URL(buildPostbackUrl(`${origin}/webhooks/zixflow`, signer.sign(BENCH_RECIPIENT)));
  const postback = `${signed.pathname}${signed.search}`;
  const bare = `/bare${signed.search}`;
  const pool = new Pool(origin, { connections: 16 });
  const pid = app.proc.pid as number;
  try {
    for (let i = 0; i < 2; i++) {
      await send(pool, bare, warmup / 2);
      await send(pool, postback, warmup / 2);
    }
    if (mode === 'callgrind') await control(pid, '--zero', pool, bare);
    const phases: [string, string][] = [
      ['bare1', bare],
      ['postback1', postback],
      ['postback2', postback],
      ['bare2', bare],
      ['bare3', bare],
      ['postback3', postback],
    ];
    for (const [name, path] of phases) {
      const start = Date.now();
      const refused = await send(pool, path, perPhase);
      console.log(`${name}: ${perPhase} requests in ${Date.now() - start} ms, ${refused} not 200`);
      if (mode === 'callgrind') await control(pid, `--dump=${name}`, pool, bare);
    }
  } finally {
    await pool.close();
    await app.stop();
  }
  if (mode === 'callgrind') console.log(`dumps: ${OUT_FILE.replace('%p', String(pid))}.<n>`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
