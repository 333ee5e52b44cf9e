import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from './free-port';

/** The Redis the Redis suites use; `.ci/run` starts one on 6379 when nothing answers there. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Answers whether a Redis at `url` replies to PING, with a connection that never queues nor retries. */
export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    // ioredis gives a closing socket 2 s to end, on a timer that a refused socket never clears.
    disconnectTimeout: 10,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * For `beforeAll` of every suite that needs Redis: throws when nothing answers at REDIS_URL, so the suite
 * fails (it never skips itself).
 */
export async function requireRedis(): Promise<void> {
  if (await redisAnswers(REDIS_URL)) return;
  throw new Error(
    `Redis suites need a Redis at REDIS_URL (${REDIS_URL}); start redis-server ` +
      `(\`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\`) or set REDIS_URL`,
  );
}

/** A prefix of its own for one test, so tests sharing a Redis never see each other's keys. */
export function randomPrefix(label = 'test'): string {
  return `zixflow-test:${label}:${Math.random().toString(36).slice(2, 10)}:`;
}

/** Deletes every key under `prefix` (SCAN, not KEYS, so a shared Redis is not blocked). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true });
  client.on('error', () => undefined);
  try {
    await client.connect();
    for (const key of await scanKeys(client, prefix)) await client.del(key);
  } finally {
    client.disconnect();
  }
}

/** Every key under `prefix`. */
export async function scanKeys(client: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** A redis-server child process of a test's own. */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Kills the server and waits for it to exit (its data is gone unless it was started with `persist`). */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits until it answers. */
  restart(): Promise<void>;
}

/**
 * Spawns `redis-server` on a free loopback port (or `port`) and waits until it answers. It persists nothing,
 * unless `persist`: then every write goes to an append-only file in a temporary folder (fsync always), so
 * its data outlives a kill and restart, as a production Redis with AOF does. Stop it in afterAll; a test
 * can stop and restart it to play a Redis outage.
 */
export async function startRedisServer(
  options: { port?: number; persist?: boolean } = {},
): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  let storage = ['--appendonly', 'no'];
  if (options.persist) {
    const dir = mkdtempSync(join(tmpdir(), 'zixflow-redis-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    storage = ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir];
  }
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const spawned = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...storage],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child = spawned;
    let exited = false;
    let stderr = '';
    spawned.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    spawned.once('exit', () => (exited = true));
    const spawnError = once(spawned, 'spawn').then(
      () => undefined,
      (error: Error) => error,
    );
    const error = await spawnError;
    if (error !== undefined) throw new Error(`cannot start redis-server: ${error.message}`);
    // No deadline: it answers or exits (Jest's timeout bounds a hang).
    while (!(await redisAnswers(url))) {
      if (exited) throw new Error(`redis-server on port ${port} exited: ${stderr.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    url,
    port,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
  };
}
