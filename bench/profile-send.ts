/**
 * Profiling aid, not run by `npm run bench`: SmsService.send against the stub server (child process), for
 * `node --cpu-prof`. Build the plain-JS copy first, then profile it:
 *   npx ts-node --transpile-only -e "require('./bench/build').buildForChildren()"
 *   node --cpu-prof node_modules/.cache/nestjs-zixflow-bench/bench/profile-send.js 20000
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SmsService, ZixflowModule } from '../lib';
import { forkTs } from './child';
import { BENCH_API_KEY, BENCH_INPUT, BENCH_WORKSPACE } from './fixtures';
import { runLoad } from './load';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 20_000);
  const stub = await forkTs<{ type: 'ready'; port: number }>('servers/zixflow-stub.server.ts');
  @Module({
    imports: [
      ZixflowModule.forRoot({
        apiKey: BENCH_API_KEY,
        workspaceId: BENCH_WORKSPACE,
        baseUrl: `http://127.0.0.1:${stub.ready.port}`,
        defaults: { senderId: 'ZIXFLW', route: 'transactional' },
      }),
    ],
  })
  class ProfileModule {}
  const app = await NestFactory.createApplicationContext(ProfileModule, { logger: ['error'] });
  const sms = app.get(SmsService);
  try {
    await runLoad(() => sms.send(BENCH_INPUT), 3_000, 64, 20_000);
    const r = await runLoad(() => sms.send(BENCH_INPUT), count, 64, 30_000);
    console.log(
      `send: ${Math.round(r.perSecond)} req/s (${r.completed} ok, ${r.failed} failed ${r.firstError ?? ''})`,
    );
  } finally {
    await app.close();
    await stub.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
