import { ZixflowConfigError } from '../../errors/zixflow-config.error';
import { DEFAULT_POSTBACK_DEDUP_MAX_ENTRIES } from '../postback.constants';
import type { PostbackDedupStore } from './postback-dedup-store.interface';

export interface InMemoryPostbackDedupStoreOptions {
  /** Most keys kept; the least recently seen is dropped first. Default 20 000 (two per postback: 10 000 postbacks). */
  maxEntries?: number;
  /** Milliseconds since the epoch; injectable for tests. Default Date.now. */
  now?: () => number;
}

/** Expired entries looked at per insert, so stale keys drain without a timer. */
const SWEEP_PER_INSERT = 2;

/**
 * Per-process de-duplication: an LRU of keys, each with its own expiry, on a `Map` (which iterates in
 * insertion order, so re-inserting a key makes it the newest and the first key is the least recently seen).
 * Not shared between instances: use a Redis-backed store for that.
 */
export class InMemoryPostbackDedupStore implements PostbackDedupStore {
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Key -> expiry (ms since the epoch), least recently seen first. */
  private readonly entries = new Map<string, number>();
  /**
   * Walks `entries` from the oldest end and is kept between calls: V8 leaves deleted entries as holes at
   * the front of a Map until it rehashes, so a fresh `keys().next()` per eviction skips thousands of them
   * (measured: 18 µs per postback at 10 000 entries, against 2 µs this way). Every key it has passed is
   * deleted or was re-inserted behind it, except `oldestKey`, the one it last yielded.
   */
  private cursor = this.entries.keys();
  private oldestKey: string | undefined;

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
    const expires = this.entries.get(key);
    if (expires !== undefined) {
      this.delete(key);
      if (expires > now) {
        // A duplicate is a use: it becomes the newest. Its expiry stays ttlMs from the first sighting.
        this.entries.set(key, expires);
        return false;
      }
    }
    this.sweepExpired(now);
    if (this.entries.size >= this.maxEntries) this.delete(this.oldest() as string);
    this.entries.set(key, now + ttlMs);
    return true;
  }

  forget(key: string): void {
    this.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.cursor = this.entries.keys();
    this.oldestKey = undefined;
  }

  private sweepExpired(now: number): void {
    for (let i = 0; i < SWEEP_PER_INSERT; i++) {
      const oldest = this.oldest();
      if (oldest === undefined || (this.entries.get(oldest) as number) > now) return;
      this.delete(oldest);
    }
  }

  /** The least recently seen key, or undefined when empty. */
  private oldest(): string | undefined {
    if (this.oldestKey === undefined) {
      let next = this.cursor.next();
      // A finished Map iterator stays finished, even after new keys are added: start a fresh one.
      if (next.done === true) next = (this.cursor = this.entries.keys()).next();
      this.oldestKey = next.done === true ? undefined : next.value;
    }
    return this.oldestKey;
  }

  private delete(key: string): void {
    this.entries.delete(key);
    // Re-inserted later (a duplicate is a use), it is met again by the cursor at its new place.
    if (key === this.oldestKey) this.oldestKey = undefined;
  }
}
