import { ZixflowConfigError } from '../../errors/zixflow-config.error';
import { DEFAULT_POSTBACK_DEDUP_MAX_ENTRIES } from '../postback.constants';
import type { PostbackDedupStore } from './postback-dedup-store.interface';

export interface InMemoryPostbackDedupStoreOptions {
  /** Most keys kept; the least recently seen is dropped first. Default 10 000. */
  maxEntries?: number;
  /** Milliseconds since the epoch; injectable for tests. Default Date.now. */
  now?: () => number;
}

/** Key characters stored in a slot; a longer key is kept as a string beside it (rare: ours are ~80). */
const SLOT_CHARS = 96;
/** Slots allocated up front; the arrays double from there, up to maxEntries. */
const INITIAL_SLOTS = 1024;
/** Expired entries looked at per insert, so stale keys drain without a timer. */
const SWEEP_PER_INSERT = 2;
const NONE = -1;

/**
 * Per-process de-duplication: an LRU of keys, each with its own expiry; every operation O(1) on average.
 * Keys are compared exactly (never by hash alone), so no postback is ever taken for another's duplicate.
 *
 * Everything lives in typed arrays: slots holding each key's characters, expiry and LRU links, and an
 * open-addressing hash table of slot numbers. Keeping one string and one entry object per postback alive
 * for hours is what made the store cost (young-generation copies, promotion, old-space marking: measured
 * at ~5 µs per postback in a running app, several times the work itself); this keeps no object per key.
 * The hash is seeded per store, so chains cannot be planned from outside.
 * Not shared between instances: use a Redis-backed store for that.
 */
export class InMemoryPostbackDedupStore implements PostbackDedupStore {
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly seed = (Math.random() * 0x1_0000_0000) | 0;

  private capacity = 0;
  private count = 0;
  /** Slots never used yet start here; freed ones are chained through `newer` from freeHead. */
  private unused = 0;
  private freeHead = NONE;
  private oldest = NONE;
  private newest = NONE;

  private chars = new Uint16Array(0);
  private lengths = new Int32Array(0);
  private hashes = new Int32Array(0);
  private expires = new Float64Array(0);
  /** Towards the least recently seen end. */
  private older = new Int32Array(0);
  /** Towards the most recently seen end (for a free slot: the next free one). */
  private newer = new Int32Array(0);
  /** Slot number + 1 per bucket, 0 for empty; at most half full, linear probing. */
  private table = new Int32Array(0);
  private mask = 0;
  /** Keys longer than SLOT_CHARS, by slot. */
  private readonly longKeys = new Map<number, string>();

  constructor(options: InMemoryPostbackDedupStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_POSTBACK_DEDUP_MAX_ENTRIES;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new ZixflowConfigError(['postback dedup maxEntries must be a positive integer']);
    }
    this.maxEntries = maxEntries;
    this.now = options.now ?? Date.now;
    this.resize(Math.min(maxEntries, INITIAL_SLOTS));
  }

  /** Keys currently held, expired ones not yet swept included. */
  get size(): number {
    return this.count;
  }

  /** Synchronous: PostbackProcessor then handles the postback without awaiting anything. */
  markIfNew(key: string, ttlMs: number): boolean {
    if (!(ttlMs > 0)) {
      throw new ZixflowConfigError(['postback dedup ttlMs must be a positive number']);
    }
    const now = this.now();
    const hash = this.hash(key);
    const found = this.find(key, hash);
    if (found !== NONE) {
      if (this.expires[found] > now) {
        // A duplicate is a use: move it to the newest end. Its expiry stays ttlMs from the first sighting.
        this.unlink(found);
        this.append(found);
        return false;
      }
      this.remove(found);
    }
    this.sweepExpired(now);
    if (this.count >= this.maxEntries) this.remove(this.oldest);
    const slot = this.allocate();
    this.lengths[slot] = key.length;
    this.hashes[slot] = hash;
    if (key.length > SLOT_CHARS) this.longKeys.set(slot, key);
    else for (let i = 0, at = slot * SLOT_CHARS; i < key.length; i++) this.chars[at + i] = key.charCodeAt(i);
    this.expires[slot] = now + ttlMs;
    this.index(slot);
    this.append(slot);
    this.count++;
    return true;
  }

  forget(key: string): void {
    const slot = this.find(key, this.hash(key));
    if (slot !== NONE) this.remove(slot);
  }

  clear(): void {
    this.table.fill(0);
    this.longKeys.clear();
    this.count = 0;
    this.unused = 0;
    this.freeHead = NONE;
    this.oldest = NONE;
    this.newest = NONE;
  }

  private sweepExpired(now: number): void {
    for (let i = 0; i < SWEEP_PER_INSERT; i++) {
      const candidate = this.oldest;
      if (candidate === NONE || this.expires[candidate] > now) return;
      this.remove(candidate);
    }
  }

  /** Protected so tests can force collisions; nothing else should override it. */
  protected hash(key: string): number {
    let h = this.seed ^ key.length;
    for (let i = 0; i < key.length; i++) {
      h = Math.imul(h ^ key.charCodeAt(i), 0x5bd1e995);
      h ^= h >>> 15;
    }
    // Final avalanche (murmur3's fmix32): the low bits pick the bucket, so every input bit must reach them.
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  private find(key: string, hash: number): number {
    for (let bucket = hash & this.mask; ; bucket = (bucket + 1) & this.mask) {
      const slot = this.table[bucket] - 1;
      if (slot === NONE) return NONE;
      if (this.hashes[slot] === hash && this.holds(slot, key)) return slot;
    }
  }

  private holds(slot: number, key: string): boolean {
    const length = this.lengths[slot];
    if (length !== key.length) return false;
    if (length > SLOT_CHARS) return this.longKeys.get(slot) === key;
    const at = slot * SLOT_CHARS;
    for (let i = 0; i < length; i++) if (this.chars[at + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private index(slot: number): void {
    let bucket = this.hashes[slot] & this.mask;
    while (this.table[bucket] !== 0) bucket = (bucket + 1) & this.mask;
    this.table[bucket] = slot + 1;
  }

  /** Empties the slot's bucket, shifting later members of its probe run back so no lookup stops short. */
  private unindex(slot: number): void {
    let hole = this.hashes[slot] & this.mask;
    while (this.table[hole] !== slot + 1) hole = (hole + 1) & this.mask;
    for (let next = (hole + 1) & this.mask; this.table[next] !== 0; next = (next + 1) & this.mask) {
      const home = this.hashes[this.table[next] - 1] & this.mask;
      // It may fill the hole unless its home lies cyclically in (hole, next].
      const movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
      if (movable) {
        this.table[hole] = this.table[next];
        hole = next;
      }
    }
    this.table[hole] = 0;
  }

  private remove(slot: number): void {
    this.unindex(slot);
    this.unlink(slot);
    if (this.lengths[slot] > SLOT_CHARS) this.longKeys.delete(slot);
    this.newer[slot] = this.freeHead;
    this.freeHead = slot;
    this.count--;
  }

  private allocate(): number {
    if (this.freeHead !== NONE) {
      const slot = this.freeHead;
      this.freeHead = this.newer[slot];
      return slot;
    }
    // Every slot in use means count === capacity < maxEntries (the caller evicted at the limit).
    if (this.unused === this.capacity) this.resize(Math.min(this.maxEntries, this.capacity * 2));
    return this.unused++;
  }

  /** Grows every array to `capacity` slots, keeping slot numbers, and rebuilds the table. */
  private resize(capacity: number): void {
    const grow = <T extends Uint16Array | Int32Array | Float64Array>(
      old: T,
      make: (n: number) => T,
      n: number,
    ) => {
      const next = make(n);
      next.set(old);
      return next;
    };
    this.chars = grow(this.chars, (n) => new Uint16Array(n), capacity * SLOT_CHARS);
    this.lengths = grow(this.lengths, (n) => new Int32Array(n), capacity);
    this.hashes = grow(this.hashes, (n) => new Int32Array(n), capacity);
    this.expires = grow(this.expires, (n) => new Float64Array(n), capacity);
    this.older = grow(this.older, (n) => new Int32Array(n), capacity);
    this.newer = grow(this.newer, (n) => new Int32Array(n), capacity);
    this.capacity = capacity;
    let buckets = 2;
    while (buckets < capacity * 2) buckets *= 2;
    this.table = new Int32Array(buckets);
    this.mask = buckets - 1;
    for (let slot = this.oldest; slot !== NONE; slot = this.newer[slot]) this.index(slot);
  }

  private append(slot: number): void {
    this.older[slot] = this.newest;
    this.newer[slot] = NONE;
    if (this.newest !== NONE) this.newer[this.newest] = slot;
    else this.oldest = slot;
    this.newest = slot;
  }

  private unlink(slot: number): void {
    const older = this.older[slot];
    const newer = this.newer[slot];
    if (older !== NONE) this.newer[older] = newer;
    else this.oldest = newer;
    if (newer !== NONE) this.older[newer] = older;
    else this.newest = older;
  }
}
