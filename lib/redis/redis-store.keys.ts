/**
 * The key layout of RedisZixflowStore under its prefix `P` (default `zixflow:`); every key expires.
 *
 * | key                    | type   | holds                                                        | TTL          |
 * | ---------------------- | ------ | ------------------------------------------------------------ | ------------ |
 * | `P` postback:`<key>`   | hash   | `held` ('1' held, '0' released for its handler), `stale` ('1'/'0', decided at the first claim) | dedupTtlMs   |
 * | `P` status:`<requestId>` | hash | `record` (ZixflowStatusRecord as JSON), `status` (lower case), `instant`, `final` ('1'/'0') | statusTtlMs  |
 * | `P` settled:`<sendId>` | string | ZixflowSettledSend as JSON: the first postback that named the send | pendingTtlMs |
 * | `P` pending:`<sendId>` | string | '1': the send's outcome is unknown, no postback named it yet  | pendingTtlMs |
 *
 * Updates are published on the channel `P` updates, as `{"stale":<bool>,"record":<ZixflowStatusRecord>}`.
 * The kind comes right after the prefix, so an opaque postback key can never collide with another kind.
 */
export interface RedisStoreKeys {
  postback(key: string): string;
  status(requestId: string): string;
  settled(sendId: string): string;
  pending(sendId: string): string;
  readonly channel: string;
}

export function redisStoreKeys(prefix: string): RedisStoreKeys {
  return {
    postback: (key) => `${prefix}postback:${key}`,
    status: (requestId) => `${prefix}status:${requestId}`,
    settled: (sendId) => `${prefix}settled:${sendId}`,
    pending: (sendId) => `${prefix}pending:${sendId}`,
    channel: `${prefix}updates`,
  };
}
