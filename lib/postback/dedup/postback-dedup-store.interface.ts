/**
 * Remembers which postbacks were already handled, so a repeat delivery is acknowledged but not re-emitted.
 * Each postback takes two keys: `postbackDedupKey(event)`, forgotten when the handler fails, and
 * `events:` + that key, which records that listeners had the event. Implement it over Redis or a database
 * to share it between instances (e.g. Redis `SET key 1 NX PX ttlMs` is exactly `markIfNew`).
 */
export interface PostbackDedupStore {
  /**
   * Atomically records `key` for `ttlMs` and returns true if it was not already recorded,
   * false if it was (a duplicate). A duplicate does not extend the original expiry. A store that knows
   * at once (in memory) may answer synchronously, which spares each postback a round of promises.
   */
  markIfNew(key: string, ttlMs: number): boolean | Promise<boolean>;
  /** Forgets `key`, so a postback whose handling failed can be processed again when retried. */
  forget(key: string): void | Promise<void>;
}
