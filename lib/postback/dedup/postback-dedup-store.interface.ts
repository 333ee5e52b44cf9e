/**
 * Remembers which postbacks were already handled, so a repeat delivery is acknowledged but not re-emitted.
 * Implement it over Redis or a database to share it between instances.
 */
export interface PostbackDedupStore {
  /**
   * Atomically records `key` for `ttlMs` and returns true if it was not already recorded,
   * false if it was (a duplicate).
   */
  markIfNew(key: string, ttlMs: number): Promise<boolean>;
  /** Forgets `key`, so a postback whose handling failed can be processed again when retried. */
  forget(key: string): Promise<void>;
}
