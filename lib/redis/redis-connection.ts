import { Logger } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';

/**
 * What the store's own connections default to: a command while Redis is unreachable fails at once (the
 * postback is answered 503 and Zixflow retries) instead of waiting in a queue, and so does a command cut by
 * a lost connection (not re-sent: a claim re-sent after it ran would answer "duplicate"). ioredis' default
 * retryStrategy reconnects by itself.
 */
const FAIL_FAST: Partial<RedisOptions> = { enableOfflineQueue: false, maxRetriesPerRequest: 0 };

/**
 * Commands issued in the same event-loop turn (postbacks arriving together) go out in one write, which
 * ioredis calls auto-pipelining: fewer syscalls on both sides, same order, same answers. Measured by
 * `npm run bench` (e).
 */
const PIPELINE: Partial<RedisOptions> = { enableAutoPipelining: true };

/** Whether `connection` is a client rather than options: by shape, so a second copy of ioredis still counts. */
export function isRedisClient(connection: unknown): connection is Redis {
  const candidate = connection as Partial<Redis> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.duplicate === 'function' &&
    typeof candidate.defineCommand === 'function'
  );
}

/** A connection of the store's own, from options or a URL; options the user set win over FAIL_FAST. */
export function openConnection(connection: RedisOptions | string): Redis {
  return typeof connection === 'string'
    ? new Redis(connection, { ...PIPELINE, ...FAIL_FAST })
    : new Redis({ ...PIPELINE, ...FAIL_FAST, ...connection });
}

/**
 * Keeps 'error' events from crashing the process (an EventEmitter without an error listener throws) and
 * says once per outage that Redis is unreachable, then once that it is back. Only the error's message is
 * logged (ioredis' messages name the address, never the credentials), never the connection options.
 */
export function watchConnection(client: Redis, logger: Logger, role: string): void {
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(`Redis ${role} connection failed (${error.message}); retrying in the background`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log(`Redis ${role} connection ready again`);
  });
}

/** Closes a connection the store opened: QUIT when it is up (replies drain), otherwise drops it. */
export async function closeConnection(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // Lost while quitting: dropping it below stops the reconnection attempts all the same.
    }
  }
  client.disconnect();
}

/**
 * While a connection attempt is under way (TCP, AUTH, ready check), resolves once it ends, either way: a
 * command sent then goes out, or fails at once without an offline queue. Without this, the first postbacks
 * after startup would fail only because the connection was still being opened. A connection waiting to
 * retry (`reconnecting`) is not waited for: that is Redis being down.
 */
export function connectAttempt(client: Redis): Promise<void> | undefined {
  if (client.status === 'wait') client.connect().catch(() => undefined);
  if (client.status !== 'connecting' && client.status !== 'connect') return undefined;
  return new Promise<void>((resolve) => {
    const done = (): void => {
      client.off('ready', done);
      client.off('error', done);
      client.off('close', done);
      resolve();
    };
    client.on('ready', done);
    client.on('error', done);
    client.on('close', done);
  });
}
