// Anchors the monotonic clock to the wall clock once, so successive timestamps never go backwards and
// their sub-millisecond digits agree with their milliseconds.
const EPOCH_OFFSET_NS = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

/** Nanoseconds since the Unix epoch, monotonic within this process. */
export function epochNanoseconds(): bigint {
  return EPOCH_OFFSET_NS + process.hrtime.bigint();
}

/**
 * ISO 8601 UTC timestamp with 9 fractional digits, the format of Zixflow's `status_at`
 * (e.g. `2026-01-28T17:17:59.254174911Z`).
 */
export function nanosecondTimestamp(epochNs: bigint = epochNanoseconds()): string {
  const milliseconds = epochNs / 1_000_000n;
  const subMillisecond = epochNs % 1_000_000n;
  return `${new Date(Number(milliseconds)).toISOString().slice(0, 23)}${subMillisecond.toString().padStart(6, '0')}Z`;
}
