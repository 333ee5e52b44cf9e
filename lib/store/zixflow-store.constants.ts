/**
 * How long a handled postback is remembered, so its redeliveries are not handled again. Zixflow's webhooks
 * retry a non-2xx answer after 15 s, 40 s, 3 min, 10 min, 1 h, 6 h, 12 h, 24 h and 48 h: 48 h covers every
 * retry but the last of a postback whose 200 was lost.
 */
export const DEFAULT_DEDUP_TTL_MS = 48 * 60 * 60 * 1000;

/** How long the latest status of a request is kept: late delivery reports arrive days after the send. */
export const DEFAULT_STATUS_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** How long a send of unknown outcome waits to be settled by a postback, and a settled send is remembered. */
export const DEFAULT_PENDING_TTL_MS = 2 * 24 * 60 * 60 * 1000;

/** Default entries per table of InMemoryZixflowStore (handled postbacks, statuses, sends). */
export const DEFAULT_IN_MEMORY_MAX_ENTRIES = 10_000;
