/** Options of `SmsService.resolveOutcome`. */
export interface ResolveOutcomeOptions {
  /** How long to wait for a postback naming the send, in ms. Default 60 000. */
  timeoutMs?: number;
  /** Ends the wait early, resolving `unresolved`. */
  signal?: AbortSignal;
}

/**
 * What `SmsService.resolveOutcome` learned of a send of unknown outcome: `queued` when a postback named it
 * (Zixflow took it: do not resend), `unresolved` when none came in time (it may still come; decide by your
 * own rules whether to resend).
 */
export type SendOutcomeResolution =
  | {
      readonly sendId: string;
      readonly state: 'queued';
      /** The `request_id` the send's lost answer carried. */
      readonly requestId: string;
    }
  | { readonly sendId: string; readonly state: 'unresolved' };
