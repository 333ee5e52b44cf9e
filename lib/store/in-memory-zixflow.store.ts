import { ZixflowConfigError } from '../errors/zixflow-config.error';
import { ExpiringLru } from './expiring-lru';
import { resolveStoreTtls } from './resolve-store-ttls';
import { isNewerStatus } from './status-order';
import { DEFAULT_IN_MEMORY_MAX_ENTRIES } from './zixflow-store.constants';
import type { ZixflowStoreTtlOptions } from './zixflow-store-ttl-options.interface';
import type {
  ZixflowPostbackClaim,
  ZixflowPostbackClaimResult,
  ZixflowSettledSend,
  ZixflowStatusRecord,
  ZixflowStatusUpdate,
  ZixflowStore,
} from './zixflow-store.interface';

/** Options of InMemoryZixflowStore. */
export interface InMemoryZixflowStoreOptions extends ZixflowStoreTtlOptions {
  /**
   * Most entries kept in each of its tables (handled postbacks, latest statuses, settled and pending sends);
   * the least recently written goes first. Default 10 000.
   */
  maxEntries?: number;
  /** Milliseconds since the epoch; for tests. Default `Date.now`. */
  now?: () => number;
}

/** A handled postback: whether it is held, and whether it was stale when first claimed. */
interface Claimed {
  held: boolean;
  stale: boolean;
}

/**
 * The default store: everything in this process, answered synchronously (a postback then costs no
 * promise), bounded in entries and time. Right for one instance; several replicas need a shared store
 * such as RedisZixflowStore (`nestjs-zixflow/redis`).
 */
export class InMemoryZixflowStore implements ZixflowStore {
  private readonly ttls: Required<ZixflowStoreTtlOptions>;
  private readonly claims: ExpiringLru<Claimed>;
  private readonly statuses: ExpiringLru<ZixflowStatusRecord>;
  private readonly settled: ExpiringLru<ZixflowSettledSend>;
  private readonly pending: ExpiringLru<true>;
  private readonly listeners = new Set<(update: ZixflowStatusUpdate) => void>();
  private readonly now: () => number;

  constructor(options: InMemoryZixflowStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_IN_MEMORY_MAX_ENTRIES;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new ZixflowConfigError(['store maxEntries must be a positive integer']);
    }
    this.ttls = resolveStoreTtls(options);
    const now = options.now ?? Date.now;
    this.now = now;
    this.claims = new ExpiringLru(maxEntries, now);
    this.statuses = new ExpiringLru(maxEntries, now);
    this.settled = new ExpiringLru(maxEntries, now);
    this.pending = new ExpiringLru(maxEntries, now);
  }

  /** {@inheritDoc ZixflowStore.claimPostback} */
  claimPostback({ key, record }: ZixflowPostbackClaim): ZixflowPostbackClaimResult {
    // One clock read for the whole claim: it is one instant.
    const now = this.now();
    const claimed = this.claims.get(key, now);
    if (claimed?.held === true) {
      // A redelivery is a use: it becomes the newest entry (its expiry still counts from the first).
      this.claims.replace(key, claimed, now);
      return { duplicate: true };
    }
    if (claimed !== undefined) {
      this.claims.replace(key, { held: true, stale: claimed.stale }, now);
      return { duplicate: false, firstDelivery: false, stale: claimed.stale, settledPending: false };
    }
    const stale = !isNewerStatus(record, this.statuses.get(record.requestId, now));
    this.claims.set(key, { held: true, stale }, this.ttls.dedupTtlMs, now);
    if (!stale) this.statuses.set(record.requestId, record, this.ttls.statusTtlMs, now);
    let settledPending = false;
    const { sendId } = record;
    if (sendId !== undefined && this.settled.get(sendId, now) === undefined) {
      const send = { sendId, requestId: record.requestId, status: record.status };
      this.settled.set(sendId, send, this.ttls.pendingTtlMs, now);
      settledPending = this.pending.get(sendId, now) !== undefined;
      if (settledPending) this.pending.delete(sendId);
    }
    if (this.listeners.size > 0) this.publish({ ...record, stale });
    return { duplicate: false, firstDelivery: true, stale, settledPending };
  }

  /** {@inheritDoc ZixflowStore.releasePostback} */
  releasePostback(key: string, scope: 'handler' | 'all'): void {
    if (scope === 'all') return this.claims.delete(key);
    const claimed = this.claims.get(key);
    if (claimed !== undefined) this.claims.replace(key, { held: false, stale: claimed.stale });
  }

  /** {@inheritDoc ZixflowStore.markPending} */
  markPending(sendId: string): ZixflowSettledSend | undefined {
    const settled = this.settled.get(sendId);
    if (settled !== undefined) return settled;
    this.pending.set(sendId, true, this.ttls.pendingTtlMs);
    return undefined;
  }

  /** {@inheritDoc ZixflowStore.getSettled} */
  getSettled(sendId: string): ZixflowSettledSend | undefined {
    return this.settled.get(sendId);
  }

  /** {@inheritDoc ZixflowStore.getStatus} */
  getStatus(requestId: string): ZixflowStatusRecord | undefined {
    return this.statuses.get(requestId);
  }

  /** {@inheritDoc ZixflowStore.subscribe} */
  subscribe(listener: (update: ZixflowStatusUpdate) => void): () => void {
    // Wrapped, so the same function subscribed twice gets two deliveries and two separate unsubscriptions.
    const entry = (update: ZixflowStatusUpdate): void => listener(update);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /** Drops the subscribers; the state stays readable. */
  async close(): Promise<void> {
    this.listeners.clear();
  }

  private publish(update: ZixflowStatusUpdate): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(update);
      } catch {
        // A subscriber's failure is its own: the postback was recorded and the others still hear of it.
      }
    }
  }
}
