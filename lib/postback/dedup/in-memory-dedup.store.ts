import { ZixflowConfigError } from '../../errors/zixflow-config.error';
import { DEFAULT_POSTBACK_DEDUP_MAX_ENTRIES } from '../postback.constants';
import type { PostbackDedupStore } from './postback-dedup-store.interface';

export interface InMemoryPostbackDedupStoreOptions {
  /** Most keys kept; the least recently seen is dropped first. Default 10 000. */
  maxEntries?: number;
  /** Milliseconds since the epoch; injectable for tests. Default Date.now. */
  now?: () => number;
}

interface Entry {
  readonly key: string;
  expiresAt: number;
  /** Towards the least recently seen end. */
  older: Entry | undefined;
  /** Towards the most recently seen end. */
  newer: Entry | undefined;
}

/** Expired entries looked at per insert, so stale keys drain without a timer. */
const SWEEP_PER_INSERT = 2;

/**
 * Per-process de-duplication: an LRU of keys, each with its own expiry. Every operation is O(1).
 * A Map alone is not enough: V8 leaves deleted entries as holes at the front of a Map's iteration order
 * until it rehashes, so "take the first key" to evict degrades to a scan (measured 10x slower at 10 000
 * entries). Hence a Map for lookup plus a doubly linked list for recency.
 * Not shared between instances: use a Redis-backed store for that.
 */
export class InMemoryPostbackDedupStore implements PostbackDedupStore {
  private readonly entries = new Map<string, Entry>();
  private oldest: Entry | undefined;
  private newest: Entry | undefined;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: InMemoryPostbackDedupStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_POSTBACK_DEDUP_MAX_ENTRIES;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new ZixflowConfigError(['postback dedup maxEntries must be a positive integer']);
    }
    this.maxEntries = maxEntries;
    this.now = options.now ?? Date.now;
  }

  /** Keys currently held, expired ones not yet swept included. */
  get size(): number {
    return this.entries.size;
  }

  /** Synchronous: PostbackProcessor then handles the postback without awaiting anything. */
  markIfNew(key: string, ttlMs: number): boolean {
    if (!(ttlMs > 0)) {
      throw new ZixflowConfigError(['postback dedup ttlMs must be a positive number']);
    }
    const now = this.now();
    const existing = this.entries.get(key);
    if (existing !== undefined && existing.expiresAt > now) {
      // A duplicate is a use: move it to the newest end. Its expiry stays ttlMs from the first sighting.
      this.unlink(existing);
      this.append(existing);
      return false;
    }
    if (existing !== undefined) this.remove(existing);
    this.sweepExpired(now);
    const entry: Entry = { key, expiresAt: now + ttlMs, older: undefined, newer: undefined };
    this.entries.set(key, entry);
    this.append(entry);
    if (this.entries.size > this.maxEntries && this.oldest !== undefined) this.remove(this.oldest);
    return true;
  }

  forget(key: string): void {
    const entry = this.entries.get(key);
    if (entry !== undefined) this.remove(entry);
  }

  clear(): void {
    this.entries.clear();
    this.oldest = undefined;
    this.newest = undefined;
  }

  private sweepExpired(now: number): void {
    for (let i = 0; i < SWEEP_PER_INSERT; i++) {
      const candidate = this.oldest;
      if (candidate === undefined || candidate.expiresAt > now) return;
      this.remove(candidate);
    }
  }

  private remove(entry: Entry): void {
    this.unlink(entry);
    this.entries.delete(entry.key);
  }

  private append(entry: Entry): void {
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest !== undefined) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
  }

  private unlink(entry: Entry): void {
    if (entry.older !== undefined) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer !== undefined) entry.newer.older = entry.older;
    else this.newest = entry.older;
    entry.older = undefined;
    entry.newer = undefined;
  }
}
