import { ExpiringLru } from '../../lib/store/expiring-lru';

/** The dedup semantics the in-memory store builds on ExpiringLru: a sighting is a use, expiry from the first. */
export class DedupOverLru {
  private readonly lru: ExpiringLru<true>;
  constructor(options: { maxEntries?: number; now?: () => number } = {}) {
    this.lru = new ExpiringLru(options.maxEntries ?? 10_000, options.now ?? Date.now);
  }
  get size(): number {
    return this.lru.size;
  }
  markIfNew(key: string, ttlMs: number): boolean {
    const seen = this.lru.get(key);
    if (seen !== undefined) {
      this.lru.replace(key, seen);
      return false;
    }
    this.lru.set(key, true, ttlMs);
    return true;
  }
  forget(key: string): void {
    this.lru.delete(key);
  }
  clear(): void {
    this.lru.clear();
  }
}
