import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { ZixflowConfigError } from '../errors/zixflow-config.error';
import { resolveStoreTtls } from '../store/resolve-store-ttls';
import type { ZixflowStoreTtlOptions } from '../store/zixflow-store-ttl-options.interface';
import type {
  ZixflowPostbackClaim,
  ZixflowPostbackClaimResult,
  ZixflowSettledSend,
  ZixflowStatusRecord,
  ZixflowStatusUpdate,
  ZixflowStore,
} from '../store/zixflow-store.interface';
import {
  closeConnection,
  connectAttempt,
  isRedisClient,
  openConnection,
  watchConnection,
} from './redis-connection';
import { parseStatusUpdate } from './parse-status-update';
import { redisStoreKeys, type RedisStoreKeys } from './redis-store.keys';
import { CLAIM_POSTBACK_LUA, MARK_PENDING_LUA, RELEASE_HANDLER_LUA } from './redis-store.scripts';
import type { RedisZixflowStoreOptions } from './redis-zixflow-store-options.interface';

const DEFAULT_PREFIX = 'zixflow:';
const LOGGER_CONTEXT = 'ZixflowRedisStore';

/** The scripts, as ioredis `defineCommand` adds them to the connection (EVALSHA, then EVAL if not cached). */
interface ScriptCommands {
  zixflowClaimPostback(...keysThenArgs: string[]): Promise<[number, number, number, number]>;
  zixflowReleaseHandler(key: string): Promise<number>;
  zixflowMarkPending(settledKey: string, pendingKey: string, ttlMs: string): Promise<string | null>;
}

/**
 * A ZixflowStore on Redis, shared by every replica pointed at the same Redis and prefix: postback
 * de-duplication, latest statuses and pending sends live in expiring keys, each postback is one Lua script
 * (one round trip), and status updates fan out through Redis pub/sub. Keys, all under `prefix` and all
 * expiring: `postback:<key>` (a hash: held, stale; dedupTtlMs), `status:<requestId>` (a hash: the record and
 * what orders it; statusTtlMs), `settled:<sendId>` and `pending:<sendId>` (pendingTtlMs); updates go to the
 * channel `<prefix>updates`. Redis Cluster is not supported (one script touches several keys).
 *
 * While Redis is unreachable every call rejects (on the store's own connections at once, without queueing),
 * so postbacks are answered 503 and Zixflow retries them; the connections come back by themselves.
 *
 * @example
 * ```ts
 * ZixflowModule.forRoot({ apiKey, workspaceId, postback: { publicUrl, secret },
 *   store: new RedisZixflowStore({ connection: { host: '127.0.0.1', port: 6379 }, prefix: 'zixflow:' }) });
 * ```
 */
export class RedisZixflowStore implements ZixflowStore {
  private readonly ttls: Required<ZixflowStoreTtlOptions>;
  private readonly keys: RedisStoreKeys;
  private readonly client: Redis & ScriptCommands;
  /** Whether `client` was opened here (and so is closed here). */
  private readonly ownsClient: boolean;
  private readonly logger = new Logger(LOGGER_CONTEXT);
  private readonly listeners = new Set<(update: ZixflowStatusUpdate) => void>();
  /** The subscriber connection, opened by the first `subscribe`; reset when opening it failed. */
  private subscriber: Promise<Redis> | undefined;
  private closing: Promise<void> | undefined;
  /** The connection attempt under way, shared by the calls waiting for it. */
  private attempt: Promise<void> | undefined;

  constructor(options: RedisZixflowStoreOptions) {
    const { connection, prefix = DEFAULT_PREFIX } = options ?? ({} as Partial<RedisZixflowStoreOptions>);
    const problems: string[] = [];
    if (typeof prefix !== 'string' || prefix === '') problems.push('store prefix must be a non-empty string');
    const isOptions = typeof connection === 'object' && connection !== null;
    if (!isRedisClient(connection) && typeof connection !== 'string' && !isOptions) {
      problems.push('store connection must be ioredis options, a redis:// URL or an ioredis instance');
    }
    if (problems.length > 0) throw new ZixflowConfigError(problems);
    this.ttls = resolveStoreTtls(options);
    this.keys = redisStoreKeys(prefix);

    this.ownsClient = !isRedisClient(connection);
    const client = isRedisClient(connection) ? connection : openConnection(connection);
    if (this.ownsClient) watchConnection(client, this.logger, 'store');
    client.defineCommand('zixflowClaimPostback', { numberOfKeys: 4, lua: CLAIM_POSTBACK_LUA });
    client.defineCommand('zixflowReleaseHandler', { numberOfKeys: 1, lua: RELEASE_HANDLER_LUA });
    client.defineCommand('zixflowMarkPending', { numberOfKeys: 2, lua: MARK_PENDING_LUA });
    this.client = client as Redis & ScriptCommands;
  }

  /** As `ZixflowStore.claimPostback` says, in one Lua script: one round trip, atomic across replicas. */
  async claimPostback({ key, record }: ZixflowPostbackClaim): Promise<ZixflowPostbackClaimResult> {
    const stored = storedRecord(record);
    const sendId = stored.sendId;
    const settled: ZixflowSettledSend | undefined =
      sendId === undefined ? undefined : { sendId, requestId: stored.requestId, status: stored.status };
    if (this.client.status !== 'ready') await this.connected();
    const [duplicate, firstDelivery, stale, settledPending] = await this.client.zixflowClaimPostback(
      this.keys.postback(key),
      this.keys.status(stored.requestId),
      this.keys.settled(sendId ?? ''),
      this.keys.pending(sendId ?? ''),
      JSON.stringify(stored),
      stored.status.toLowerCase(),
      stored.instant,
      stored.final ? '1' : '0',
      sendId === undefined ? '0' : '1',
      settled === undefined ? '' : JSON.stringify(settled),
      String(this.ttls.dedupTtlMs),
      String(this.ttls.statusTtlMs),
      String(this.ttls.pendingTtlMs),
      this.keys.channel,
    );
    if (duplicate === 1) return { duplicate: true };
    return {
      duplicate: false,
      firstDelivery: firstDelivery === 1,
      stale: stale === 1,
      settledPending: settledPending === 1,
    };
  }

  /** As `ZixflowStore.releasePostback` says: `'handler'` keeps the key, its TTL and its stale verdict; `'all'` deletes it. */
  async releasePostback(key: string, scope: 'handler' | 'all'): Promise<void> {
    await this.connected();
    if (scope === 'all') await this.client.del(this.keys.postback(key));
    else await this.client.zixflowReleaseHandler(this.keys.postback(key));
  }

  /** As `ZixflowStore.markPending` says, in one Lua script (atomic with `claimPostback`). */
  async markPending(sendId: string): Promise<ZixflowSettledSend | undefined> {
    await this.connected();
    const settled = await this.client.zixflowMarkPending(
      this.keys.settled(sendId),
      this.keys.pending(sendId),
      String(this.ttls.pendingTtlMs),
    );
    return settled === null ? undefined : (JSON.parse(settled) as ZixflowSettledSend);
  }

  /** As `ZixflowStore.getSettled` says. */
  async getSettled(sendId: string): Promise<ZixflowSettledSend | undefined> {
    await this.connected();
    const settled = await this.client.get(this.keys.settled(sendId));
    return settled === null ? undefined : (JSON.parse(settled) as ZixflowSettledSend);
  }

  /** As `ZixflowStore.getStatus` says. */
  async getStatus(requestId: string): Promise<ZixflowStatusRecord | undefined> {
    await this.connected();
    const record = await this.client.hget(this.keys.status(requestId), 'record');
    return record === null ? undefined : (JSON.parse(record) as ZixflowStatusRecord);
  }

  /**
   * Resolves once this instance's subscriber connection (one, opened by the first call) has confirmed its
   * SUBSCRIBE; rejects when it cannot be opened (the next call tries again). Updates missed while that
   * connection is down are not replayed: callers keep polling as their fallback.
   */
  async subscribe(listener: (update: ZixflowStatusUpdate) => void): Promise<() => void> {
    // Wrapped, so the same function subscribed twice gets two deliveries and two separate unsubscriptions.
    const entry = (update: ZixflowStatusUpdate): void => listener(update);
    this.subscriber ??= this.openSubscriber().catch((error: unknown) => {
      this.subscriber = undefined;
      throw error;
    });
    await this.subscriber;
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /** Closes the connections the store opened (a user's own instance is left open); later calls do nothing. */
  close(): Promise<void> {
    this.closing ??= this.closeConnections();
    return this.closing;
  }

  /** Waits for a connection attempt under way to end (see connectAttempt); one wait shared by all calls. */
  private async connected(): Promise<void> {
    if (this.client.status === 'ready') return;
    this.attempt ??= connectAttempt(this.client)?.finally(() => (this.attempt = undefined));
    await this.attempt;
  }

  private async openSubscriber(): Promise<Redis> {
    if (this.closing !== undefined) throw new Error('RedisZixflowStore is closed');
    // No auto-pipelining here: a subscriber sends next to nothing, and ioredis 5.0 with it on skips the
    // connection's CLIENT SETNAME (caught by the lowest-peers run).
    const subscriber = this.client.duplicate({ lazyConnect: true, enableAutoPipelining: false });
    // Until it is up, a failure is the caller's rejection, not a log line.
    const quiet = (): void => undefined;
    subscriber.on('error', quiet);
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.keys.channel) this.deliver(message);
    });
    try {
      await subscriber.connect();
      await subscriber.subscribe(this.keys.channel);
    } catch (error) {
      subscriber.disconnect();
      throw error;
    }
    if (this.closing !== undefined) {
      subscriber.disconnect();
      throw new Error('RedisZixflowStore is closed');
    }
    watchConnection(subscriber, this.logger, 'subscriber');
    subscriber.off('error', quiet);
    return subscriber;
  }

  private deliver(message: string): void {
    const update = parseStatusUpdate(message);
    if (update === undefined) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(update);
      } catch {
        // A subscriber's failure is its own: the others still hear of the update.
      }
    }
  }

  private async closeConnections(): Promise<void> {
    this.listeners.clear();
    const subscriber = await this.subscriber?.catch(() => undefined);
    await Promise.all([
      subscriber === undefined ? undefined : closeConnection(subscriber),
      this.ownsClient ? closeConnection(this.client) : undefined,
    ]);
  }
}

/** The record's own fields only, in a fixed order: what getStatus returns and the channel carries. */
function storedRecord(record: ZixflowStatusRecord): ZixflowStatusRecord {
  return {
    requestId: record.requestId,
    ...(record.sendId === undefined ? {} : { sendId: record.sendId }),
    status: record.status,
    statusAt: record.statusAt,
    instant: record.instant,
    final: record.final,
    messageId: record.messageId,
    remark: record.remark,
  };
}
