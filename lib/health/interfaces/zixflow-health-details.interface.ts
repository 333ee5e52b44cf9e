/**
 * The module's connection pool, as `ZixflowHealthIndicator` reports it: undici's pool counters summed over
 * the origins it connected to (all zero before the first request), or only the adapter's name with
 * `http.adapter: 'http'`, whose agents keep no counters.
 */
export type ZixflowHealthTransport =
  | {
      readonly adapter: 'undici';
      /** Open sockets. */
      readonly connected: number;
      /** Open sockets with no request on them. */
      readonly free: number;
      /** Requests waiting for a socket. */
      readonly pending: number;
      /** Requests queued on a connection. */
      readonly queued: number;
      /** Requests in progress. */
      readonly running: number;
      /** Requests pending, queued or running. */
      readonly size: number;
    }
  | { readonly adapter: 'http' };

/** What the sends of this instance said since boot, as `ZixflowHealthIndicator` reports it. */
export interface ZixflowHealthSends {
  /** When Zixflow last accepted a send of this instance (ISO 8601), or null if none did. */
  readonly lastSuccessAt: string | null;
  /** The last failed send: its error `code` and when it failed (ISO 8601), or null if none failed. */
  readonly lastFailure: { readonly code: string; readonly at: string } | null;
  /** Failed sends per error `code` over the last `failureWindowSeconds` (codes with none are absent). */
  readonly failuresByCode: Readonly<Record<string, number>>;
  /** Length of the failure window, in seconds (300). */
  readonly failureWindowSeconds: number;
}

/**
 * The store, as `ZixflowHealthIndicator` reports it: `configured: false` for the default in-process store
 * (nothing to reach), else whether a read of it answered in time, and if not the error `code` (`TIMEOUT`
 * or `STORE_UNAVAILABLE`, or the code of the `ZixflowError` it threw).
 */
export type ZixflowHealthStore =
  | { readonly configured: false }
  | { readonly configured: true; readonly reachable: true }
  | { readonly configured: true; readonly reachable: false; readonly error: string };

/**
 * The result of the active check (one delivery-report read): `accepted` when Zixflow answered it with the
 * credentials accepted, else the error `code` (`AUTH` when they were refused). `checkedAt` says when the
 * read was made: results are reused for `activeCacheMs`.
 */
export type ZixflowHealthCredentials =
  | { readonly accepted: true; readonly checkedAt: string }
  | { readonly accepted: false; readonly error: string; readonly checkedAt: string };

/**
 * The details `ZixflowHealthIndicator.isHealthy` puts under its key, up or down. Holds no secret: no key,
 * no message text, no recipient, no error message. (A type rather than an interface so that it is a plain
 * record, as Terminus' `up()` and `down()` take.)
 */
export type ZixflowHealthDetails = {
  /** The connection pool. */
  readonly transport: ZixflowHealthTransport;
  /** Recent sends. */
  readonly sends: ZixflowHealthSends;
  /** The store's reachability. */
  readonly store: ZixflowHealthStore;
  /** Only with `active: true`: whether Zixflow accepted the credentials. */
  readonly credentials?: ZixflowHealthCredentials;
  /** Only when down: why, one short sentence per cause. */
  readonly reasons?: readonly string[];
};
