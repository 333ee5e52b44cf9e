/**
 * One status change of one request, as a store records it and fans it out: what a postback said, plus
 * what the store needs to order and correlate it.
 */
export interface ZixflowStatusRecord {
  /** The `request_id` the send returned. */
  readonly requestId: string;
  /** The send that caused the postback, when its signed token named one (see `SmsSendResult.sendId`). */
  readonly sendId?: string;
  /** Exactly as Zixflow sent it (case kept). */
  readonly status: string;
  /** `status_at` exactly as Zixflow sent it. */
  readonly statusAt: string;
  /**
   * `statusAt` as fixed-width UTC text, `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` (always nine fractional digits),
   * so that comparing two of them as strings compares the instants.
   */
  readonly instant: string;
  /** Whether `status` is final (delivered, failed, rejected, expired, undelivered): nothing replaces it but a later final one. */
  readonly final: boolean;
  /** Zixflow's 64-bit message id, as decimal digits. */
  readonly messageId: string;
  /** '' when Zixflow sent none. */
  readonly remark: string;
}

/** A status change as every instance sees it through `ZixflowStore.subscribe`. */
export interface ZixflowStatusUpdate extends ZixflowStatusRecord {
  /**
   * True when it did not become the latest status of its request: it is older than the stored one
   * (earlier `instant`), or not final while the stored one is. See `isNewerStatus`.
   */
  readonly stale: boolean;
}

/** One postback, as `ZixflowStore.claimPostback` receives it. */
export interface ZixflowPostbackClaim {
  /**
   * The identity of the status change (request, status, instant): the same key twice is a redelivery.
   * Opaque to the store, at most a few hundred characters.
   */
  readonly key: string;
  /** The status change itself. */
  readonly record: ZixflowStatusRecord;
}

/** What `claimPostback` decided. */
export type ZixflowPostbackClaimResult =
  | {
      /** The key is held: a redelivery of a postback already handled (or being handled). Nothing changed. */
      readonly duplicate: true;
    }
  | {
      readonly duplicate: false;
      /**
       * False when an earlier delivery of the same key already reached the listeners and only its handler
       * failed (`releasePostback(key, 'handler')`): the listeners must not get it again.
       */
      readonly firstDelivery: boolean;
      /** Whether the record did not replace the request's latest status (on a repeat delivery: as decided the first time). */
      readonly stale: boolean;
      /** True when `record.sendId` was pending (`markPending`) and this postback settled it. */
      readonly settledPending: boolean;
    };

/** A send that ended `outcome: 'unknown'`, settled by the first postback that named it. */
export interface ZixflowSettledSend {
  /** The send's id (`SmsSendResult.sendId`, `ZixflowError.sendId`). */
  readonly sendId: string;
  /** The `request_id` Zixflow gave it, from the postback. */
  readonly requestId: string;
  /** The status of the postback that settled it. */
  readonly status: string;
}

/** A value, or a promise of it: an in-process store may answer synchronously. */
export type ZixflowStoreResult<T> = T | Promise<T>;

/**
 * The state the module shares between the instances of an app: postback de-duplication, the latest status
 * of each request, sends whose outcome is unknown, and the fan-out of status updates. The default
 * (`InMemoryZixflowStore`) keeps it in the process; `RedisZixflowStore` (`nestjs-zixflow/redis`) shares it
 * between replicas. Back it with anything else by implementing this interface: every method but `close` must
 * be atomic with respect to every other call on any instance, and every key must expire.
 * Failures are reported by throwing or rejecting: the postback is then answered 503 (Zixflow retries), and
 * a send never fails because of the store.
 */
export interface ZixflowStore {
  /**
   * Takes one postback, atomically:
   * - if `claim.key` is held, answers `{ duplicate: true }` and changes nothing;
   * - if it was released for its handler only (`releasePostback(key, 'handler')`), holds it again and answers
   *   `firstDelivery: false` with the `stale` decided the first time, changing nothing else;
   * - otherwise holds it (for the de-duplication time), makes `record` the latest status of its request
   *   unless it is stale (`isNewerStatus`), remembers `record.sendId` (when set) as settled by this
   *   postback unless an earlier postback settled it, clears it from the pending sends (`settledPending`
   *   says whether it was there), and publishes the update, with `stale`, to every subscriber of every
   *   instance.
   */
  claimPostback(claim: ZixflowPostbackClaim): ZixflowStoreResult<ZixflowPostbackClaimResult>;

  /**
   * Undoes a claim whose processing failed, so Zixflow's retry is processed: `'handler'` when only the
   * user's handler failed (the retry runs the handler, not the listeners), `'all'` when a listener failed
   * (the retry runs both). Nothing else the claim recorded is undone.
   */
  releasePostback(key: string, scope: 'handler' | 'all'): ZixflowStoreResult<void>;

  /**
   * Records a send whose outcome is unknown (the request may have reached Zixflow), atomically with
   * `claimPostback`: if a postback already named `sendId`, returns what it said and records nothing;
   * otherwise records it as pending (for the pending-send time) and returns undefined.
   */
  markPending(sendId: string): ZixflowStoreResult<ZixflowSettledSend | undefined>;

  /** What the first postback that named `sendId` said, if one arrived (within the pending-send time). */
  getSettled(sendId: string): ZixflowStoreResult<ZixflowSettledSend | undefined>;

  /** The latest status recorded for a request, if any (within the status time). */
  getStatus(requestId: string): ZixflowStoreResult<ZixflowStatusRecord | undefined>;

  /**
   * Calls `listener` with every update `claimPostback` publishes, on this instance or any other, until the
   * returned function is called. Resolves once updates published from then on will reach it. Delivery is
   * best effort (an update published while the connection is down may be missed): callers keep a fallback.
   */
  subscribe(listener: (update: ZixflowStatusUpdate) => void): ZixflowStoreResult<() => void>;

  /** Releases what the store opened (connections, timers). Called by the module at application shutdown. */
  close?(): Promise<void>;
}
