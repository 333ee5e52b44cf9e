import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Redis from 'ioredis';
import { REDIS_URL, requireRedis, scanKeys } from '../utils/redis';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');

/** Runs `npm run sample -- --queue` as a user would (ts-node, from the repository root). */
function runSample(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        require.resolve('ts-node/dist/bin'),
        '--transpile-only',
        '-P',
        'tsconfig.json',
        'sample/main.ts',
        '--queue',
      ],
      { cwd: ROOT, env: { ...process.env, REDIS_URL }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run sample -- --queue', () => {
  beforeAll(() => requireRedis());

  it('enqueues 100 SMS, a worker sends them, every one is delivered, and the queue is removed', async () => {
    const { code, stdout, stderr } = await runSample();
    // On failure the output says why (stderr shown with the code).
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stdout).toContain('enqueued 100/100');
    expect(stdout).toMatch(/sent \d+\/100, delivered \d+\/100/);
    expect(stdout).toContain('Delivered 100 of 100 (failed 0, unknown 0); the simulator received 100 sends');

    const queueName = /in queue "([^"]+)"/.exec(stdout)?.[1];
    expect(queueName).toBeDefined();
    const client = new Redis(REDIS_URL);
    try {
      expect(await scanKeys(client, `zixflow-sample:${queueName}:`)).toEqual([]);
    } finally {
      client.disconnect();
    }
  });
});
