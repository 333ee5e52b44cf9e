/** One status change a simulated message goes through, with the remark its postback carries. */
export interface PostbackStatusStep {
  /** Status name as Zixflow would send it, e.g. `delivered`, `failed`, `read`. */
  status: string;
  /** Free text sent in the postback's `remark` field. Default `''`. */
  remark?: string;
}

/**
 * How an accepted message evolves after it was queued, and how its postbacks are delivered.
 *
 * The message's state advances through `statuses` every `delayMs` (whether or not the send carried a
 * `post_back_url`), so the delivery report follows the same timeline as the postbacks.
 */
export interface PostbackScenario {
  /** Status changes in chronological order. Default `['delivered']`. An empty list keeps the message `queued`. */
  statuses?: Array<string | PostbackStatusStep>;
  /** Milliseconds between acceptance and the first status change, and between further changes. Default 10. */
  delayMs?: number;
  /** Send every postback this many extra times (identical bodies), like a retrying sender. Default 0. */
  duplicates?: number;
  /**
   * Deliver the postbacks newest first. They are held until the last status is reached, then sent in
   * reverse order, each keeping its own `status_at`. Default false.
   */
  reorder?: boolean;
  /** Value of the `channel` field in postbacks and delivery reports. Default `'sms'`. */
  channel?: string;
}
