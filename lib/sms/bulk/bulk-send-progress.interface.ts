/** Running counts passed to `onProgress` after each item settles. */
export interface BulkSendProgress {
  /** Items Zixflow queued. */
  sent: number;
  /** Items that failed with a typed error other than validation. */
  failed: number;
  /** Items rejected by validation; not sent. */
  invalid: number;
  /** Number of items, when the input tells it (an array, or a numeric `length` / `size`). */
  total?: number;
}
