/** An entry, linked to its neighbours in the order of writing. */
interface Entry<V> {
  readonly key: string;
  value: V;
  /** Milliseconds since the epoch. */
  expires: number;
  older: Entry<V> | undefined;
  newer: Entry<V> | undefined;
}

/**
 * A bounded map whose entries expire: the least recently set entry goes first when it is full, and an
 * expired entry reads as absent (it is dropped when read, or when its turn to be evicted comes). No timer:
 * `maxEntries` bounds the memory whatever the TTLs. A `Map` for look-ups and a doubly linked list for the
 * order, so eviction never walks the `Map`: walking it from the front skips the holes V8 leaves there, and a
 * `Map` iterator kept between calls retains every table the `Map` has outgrown until it next moves (a
 * leak while the table is not full, measured at 150 bytes per update of one key).
 */
export class ExpiringLru<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private oldest: Entry<V> | undefined;
  private newest: Entry<V> | undefined;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  /** Entries held, expired ones not yet swept included. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The live value under `key`, or undefined (an expired entry is dropped on the way). `now` lets a caller that
   * makes several calls at one instant read the clock once.
   */
  get(key: string, now = this.now()): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires > now) return entry.value;
    this.remove(entry);
    return undefined;
  }

  /** Sets `key` for `ttlMs` from `now`, making it the newest entry. */
  set(key: string, value: V, ttlMs: number, now = this.now()): void {
    const expires = now + ttlMs;
    const entry = this.entries.get(key);
    if (entry === undefined) return this.append(key, value, expires);
    // Updated in place (a request's status is, at every postback): no Map delete and insert.
    entry.value = value;
    entry.expires = expires;
    this.moveToNewest(entry);
  }

  /**
   * Replaces the value of a live `key` and keeps its expiry, making it the newest entry; does nothing when it
   * is absent or expired.
   */
  replace(key: string, value: V, now = this.now()): void {
    const entry = this.entries.get(key);
    if (entry === undefined || !(entry.expires > now)) return;
    entry.value = value;
    this.moveToNewest(entry);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry !== undefined) this.remove(entry);
  }

  clear(): void {
    this.entries.clear();
    this.oldest = undefined;
    this.newest = undefined;
  }

  /** Adds an absent `key` as the newest entry, evicting the least recently set one when full. */
  private append(key: string, value: V, expires: number): void {
    if (this.oldest !== undefined && this.entries.size >= this.maxEntries) this.remove(this.oldest);
    const entry: Entry<V> = { key, value, expires, older: undefined, newer: undefined };
    this.entries.set(key, entry);
    this.link(entry);
  }

  private moveToNewest(entry: Entry<V>): void {
    if (entry === this.newest) return;
    this.unlink(entry);
    this.link(entry);
  }

  private remove(entry: Entry<V>): void {
    this.entries.delete(entry.key);
    this.unlink(entry);
  }

  /** Puts `entry` at the newest end. */
  private link(entry: Entry<V>): void {
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest === undefined) this.oldest = entry;
    else this.newest.newer = entry;
    this.newest = entry;
  }

  private unlink(entry: Entry<V>): void {
    if (entry.older === undefined) this.oldest = entry.newer;
    else entry.older.newer = entry.newer;
    if (entry.newer === undefined) this.newest = entry.older;
    else entry.newer.older = entry.older;
  }
}
