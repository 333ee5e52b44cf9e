import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REDIS_URL, requireRedis } from '../utils/redis';
import { installedVersion, npmInstall, packLibrary, ROOT, run as runQuietly } from './scratch-app';

/** Every command here sees REDIS_URL: the scratch app uses nestjs-zixflow/redis against the test Redis. */
function run(cmd: string, args: string[], cwd: string): string {
  return runQuietly(cmd, args, cwd, { REDIS_URL });
}

/**
 * Packs the library as npm would publish it, installs the tarball into a scratch app with its peers,
 * and from there (CommonJS and TypeScript) sends one SMS to the simulator shipped in `nestjs-zixflow/testing`.
 */
describe('published package', () => {
  let scratch: string;

  beforeAll(async () => {
    await requireRedis();
    scratch = mkdtempSync(join(tmpdir(), 'zixflow-pack-'));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('installs from its tarball and sends an SMS from a scratch Nest app', () => {
    // `npm pack` runs `prepack`, which builds dist/ from the current sources.
    const packed = packLibrary(scratch);
    const files = packed.files.map((f) => f.path);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/testing/index.js');
    expect(files).toContain('dist/testing/simulator.cli.js');
    // Only the build output (JavaScript and typings, no tests, no source maps) and the four documents.
    const documents = ['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json'];
    expect(files.filter((f) => !documents.includes(f) && !/^dist\/.+\.(js|d\.ts)$/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(spec|e2e-spec)\.|\.map$/.test(f))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(documents));
    expect(files).toContain('dist/config/index.js');
    expect(files).toContain('dist/redis/index.js');
    expect(files).toContain('dist/queue/index.js');

    const peers = [
      '@nestjs/common',
      '@nestjs/core',
      '@nestjs/axios',
      '@nestjs/event-emitter',
      '@nestjs/config',
      'axios',
      'class-validator',
      'class-transformer',
      'rxjs',
      'reflect-metadata',
      // Installed, so that the root entry not loading it proves something.
      'ioredis',
    ];
    const dependencies: Record<string, string> = { 'nestjs-zixflow': `file:./${packed.filename}` };
    for (const peer of peers) dependencies[peer] = installedVersion(peer);
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({ name: 'scratch-app', private: true, dependencies }),
    );
    npmInstall(scratch);

    writeFileSync(
      join(scratch, 'app.js'),
      `
require('reflect-metadata');
const { Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { ZixflowModule, SmsService, ZixflowValidationError } = require('nestjs-zixflow');
const { ZixflowSimulator } = require('nestjs-zixflow/testing');

(async () => {
  const simulator = await new ZixflowSimulator({ apiKey: 'k', workspaceId: 'w' }).start();
  class AppModule {}
  Module({ imports: [ZixflowModule.forRoot({ apiKey: 'k', workspaceId: 'w', baseUrl: simulator.url, defaults: { senderId: 'ZIXFLW', route: 'otp' } })] })(AppModule);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  // ioredis is an optional peer: only nestjs-zixflow/redis may load it.
  const ioredisBeforeRedisEntry = Object.keys(require.cache).some((file) => file.includes('/node_modules/ioredis/'));
  const { RedisZixflowStore } = require('nestjs-zixflow/redis');
  const store = new RedisZixflowStore({ connection: process.env.REDIS_URL, prefix: 'zixflow-pack-' + process.pid + ':' });
  const stored = await store.getStatus('none');
  await store.close();
  const sms = app.get(SmsService);
  const result = await sms.send({ recipient: '919876543210', message: 'from the tarball' });
  const invalid = await sms.send({ recipient: 'x', message: 'y' }).catch((e) => e instanceof ZixflowValidationError);
  await app.close();
  await simulator.stop();
  process.stdout.write(JSON.stringify({ requestId: result.requestId, invalid, seen: simulator.requests.length, ioredisBeforeRedisEntry, stored: stored ?? null }));
})().catch((e) => { console.error(e); process.exit(1); });
`,
    );
    // Optional peers are not installed: the send below also proves the root entry works without OpenTelemetry.
    expect(existsSync(join(scratch, 'node_modules', '@opentelemetry', 'api'))).toBe(false);
    const output = JSON.parse(run('node', ['app.js'], scratch)) as {
      requestId: string;
      invalid: boolean;
      seen: number;
    };
    expect(output.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(output).toMatchObject({ invalid: true, seen: 1, ioredisBeforeRedisEntry: false, stored: null });

    // The simulator's command-line entry is installed as a bin and runs.
    expect(run(join(scratch, 'node_modules/.bin/zixflow-simulator'), ['--help'], scratch)).toMatch(/--port/);

    // The published typings resolve for the root and each subpath.
    writeFileSync(
      join(scratch, 'check.ts'),
      `import { SmsService, ZixflowModule, type SmsSendResult } from 'nestjs-zixflow';
import { ZixflowSimulator } from 'nestjs-zixflow/testing';
import { zixflowConfig } from 'nestjs-zixflow/config';
import { RedisZixflowStore, type RedisZixflowStoreOptions } from 'nestjs-zixflow/redis';
export const pieces: [typeof SmsService, typeof ZixflowModule, typeof ZixflowSimulator, typeof zixflowConfig, typeof RedisZixflowStore] = [SmsService, ZixflowModule, ZixflowSimulator, zixflowConfig, RedisZixflowStore];
export const redisOptions: RedisZixflowStoreOptions = { connection: { host: '127.0.0.1', port: 6379 }, prefix: 'zixflow:' };
export type Result = SmsSendResult['requestId'];
`,
    );
    run(
      process.execPath,
      [
        join(ROOT, 'node_modules/typescript/bin/tsc'),
        '--noEmit',
        '--strict',
        '--experimentalDecorators',
        '--module',
        'commonjs',
        '--moduleResolution',
        'node10',
        '--skipLibCheck',
        '--types',
        'node',
        '--typeRoots',
        join(ROOT, 'node_modules/@types'),
        'check.ts',
      ],
      scratch,
    );
  }, 240_000);
});
