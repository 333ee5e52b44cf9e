import type { INestApplication } from '@nestjs/common';

/**
 * A delivery-status postback for `ZixflowTesting.deliverPostback()`. Name the send by `requestId` (from its
 * result) or `sendId` (from its result or error: also a send whose answer was lost).
 */
export interface ZixflowTestingPostback {
  /** The `requestId` the send resolved with. */
  requestId?: string;
  /** The `sendId` of the send (on its result, or on its error when the answer was lost). */
  sendId?: string;
  /** e.g. `delivered`, `failed`, `sent`. */
  status: string;
  /** Default `''`. */
  remark?: string;
  /** ISO 8601 with nanoseconds; default now. An older one than the last delivered makes the postback stale. */
  statusAt?: string;
  /** Default `sms`. */
  channel?: string;
  /**
   * Default the send's. Another recipient does not match the signed token: the guard refuses the postback (401),
   * which is how to test that forged postbacks are refused.
   */
  recipient?: string;
  /** Default the send's `post_back_data`. */
  postBackData?: string;
  /** Path (and query) to POST to instead of the signed URL's; the token is kept. */
  path?: string;
  /**
   * The app to POST to. Default: the app ZixflowTesting lives in (created with `createNestApplication()` and
   * initialized). Listening is not needed: a server that is not listening is bound to a free loopback port for
   * the request, then closed.
   */
  app?: INestApplication;
}

/** What the app answered a postback from `ZixflowTesting.deliverPostback()`. */
export interface ZixflowTestingPostbackResult {
  /** HTTP status: 200 when your handler took it; 401 for a refused token; 500 when your handler threw. */
  status: number;
  /** The request id the postback named. */
  requestId: string;
  /** The JSON body as sent (`message_id` is a raw integer literal beyond 2^53). */
  body: string;
}
