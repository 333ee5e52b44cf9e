import type { PostbackJsonValue } from './postback-json-value.type';
import type { ZixflowPostbackChannel } from './zixflow-postback-channel.type';
import type { ZixflowPostbackStatus } from './zixflow-postback-status.type';

/** One delivery-status postback from Zixflow, validated, in camelCase. */
export interface ZixflowPostbackEvent {
  readonly workspaceId: string;
  /** `delivery_status` is the only documented value; others are passed on. */
  readonly type: string;
  /**
   * Zixflow's 64-bit message id as canonical decimal digits (no sign, no leading zeros), exact even above
   * 2^53. It arrives as a JSON number in postbacks but as a string in the delivery report: both map here.
   */
  readonly messageId: string;
  /** The `request_id` the send returned; the key to correlate with your own records. */
  readonly requestId: string;
  readonly channel: ZixflowPostbackChannel;
  readonly recipient: string;
  /** Exactly as sent (case kept). */
  readonly status: ZixflowPostbackStatus;
  /** '' when absent or null. */
  readonly remark: string;
  /** The original timestamp text, all nanoseconds kept, e.g. `2026-01-28T17:17:59.254174911Z`. */
  readonly statusAt: string;
  /** `statusAt` as a Date (millisecond precision, sub-millisecond digits truncated, never rounded). */
  readonly statusDate: Date;
  /**
   * What the send carried in `post_back_data`, exactly: undefined when the field was absent or null,
   * '' when it was an empty string. A JSON number is kept as its literal text.
   */
  readonly postBackData: string | undefined;
  /**
   * The `sendId` of the send this postback is about (see `SmsSendResult.sendId`), read from its verified
   * token; undefined when the URL was your own `postBackUrl` or verification is off. For a send made
   * before 1.0 (a token with a random nonce, still within `tokenMaxAgeMs`) it is that nonce, which names no
   * send.
   */
  readonly sendId?: string;
  /**
   * The named instance (`ZixflowModule.forRoot({ name })`) whose endpoint admitted this postback, checked by
   * its token; undefined for the unnamed instance.
   */
  readonly workspace?: string;
  /**
   * True when this status is not news: the store already holds a later one for the request (an earlier
   * `statusAt`, or a status that is not final after a final one, such as `sent` after `delivered`). Stale
   * postbacks reach your handler and `zixflow.postback`, never the per-status events. False until the
   * postback is processed (in a guard or pipe of your own, it is not decided yet).
   */
  readonly stale: boolean;
  /** The whole body as parsed (numbers as their literal text), for fields this version does not map. */
  readonly raw: Readonly<Record<string, PostbackJsonValue>>;
}
