/** Default number of sends in flight for `sendMany` / `streamMany`. */
export const DEFAULT_BULK_CONCURRENCY = 16;
