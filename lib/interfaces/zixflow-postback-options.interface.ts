/** Postback settings (`postback` option): the signed public URL, its secrets, acknowledgement (de-duplication is the `store` option's). */
export interface ZixflowPostbackOptions {
  /** Public URL Zixflow should POST to (as seen from the internet, not from behind your proxy). */
  publicUrl?: string;
  /** HMAC secret(s) for the token added to `publicUrl`. The first signs, all verify (rotation). */
  secret?: string | string[];
  /**
   * Postbacks whose token was issued longer ago than this are refused with 401 (env
   * ZIXFLOW_POSTBACK_TOKEN_MAX_AGE_MS). Keep it above Zixflow's 48 h of retries plus the latest status you
   * still want (late delivery reports). Default 604 800 000 (7 days).
   */
  tokenMaxAgeMs?: number;
  /** Set false to accept unsigned postbacks (when you pass your own `postBackUrl`). Default true. */
  verify?: boolean;
  /** When set, the module mounts its own controller at this path. */
  path?: string;
  /** Bodies larger than this answer 413. Default 65 536. */
  maxBodyBytes?: number;
  /** Await listeners (`emitAsync`) and answer 500 when one throws, so Zixflow retries. Default false. */
  ackAfterListeners?: boolean;
  /**
   * Set false to stop the module observing Nest's HTTP adapter at startup to learn whether the app has
   * `rawBody: true` (it wraps two adapter methods to read the flag). Then a missing rawBody shows only when
   * the first postback is answered 500. Default true.
   */
  detectRawBody?: boolean;
}
