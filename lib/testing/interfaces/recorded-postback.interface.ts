/** One postback the simulator sent (or refused to send). */
export interface RecordedPostback {
  url: string;
  /** JSON body exactly as sent; `message_id` is a raw integer literal that may exceed 2^53. */
  body: string;
  /** Request id of the message it reports on; absent for `sendPostback` calls. */
  requestId?: string;
  /** 1 for the first POST of this body, 2 and up for the simulator's retries after a 5xx (`postbackRetry`). */
  attempt: number;
  /** HTTP status the receiver answered, once it answered. */
  status?: number;
  /** Why delivery failed (connection refused, timeout, non-loopback URL...). */
  error?: string;
  /** True when nothing was sent because the URL's host is not loopback. */
  refused?: boolean;
}
