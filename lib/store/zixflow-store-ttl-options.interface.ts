/** How long a store keeps each kind of state; every key a store writes expires. */
export interface ZixflowStoreTtlOptions {
  /** How long a handled postback is remembered against redeliveries, in ms. Default 172 800 000 (48 h). */
  dedupTtlMs?: number;
  /** How long the latest status of a request is kept, in ms. Default 604 800 000 (7 days). */
  statusTtlMs?: number;
  /**
   * How long a send of unknown outcome stays pending, and how long the postback that settled a send is
   * remembered, in ms. Default 172 800 000 (48 h).
   */
  pendingTtlMs?: number;
}
