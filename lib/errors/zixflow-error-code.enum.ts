/** Stable codes callers can switch on; never renamed once published. */
export enum ZixflowErrorCode {
  Validation = 'VALIDATION',
  Auth = 'AUTH',
  RateLimited = 'RATE_LIMITED',
  ApiError = 'API_ERROR',
  Timeout = 'TIMEOUT',
  Network = 'NETWORK',
  Config = 'CONFIG',
  Aborted = 'ABORTED',
  ShuttingDown = 'SHUTTING_DOWN',
  NotFound = 'NOT_FOUND',
  WaitTimeout = 'WAIT_TIMEOUT',
  /** Not a network or API failure: a bug, an interceptor or a mocked HTTP service threw (see `cause`). */
  Internal = 'INTERNAL',
  /** The store (`store` option, e.g. Redis) could not answer a read the caller asked for. */
  StoreUnavailable = 'STORE_UNAVAILABLE',
  /** A postback body we could not accept (HTTP 400). */
  PostbackInvalid = 'POSTBACK_INVALID',
  /** A postback body over `maxBodyBytes` (HTTP 413). */
  PostbackTooLarge = 'POSTBACK_TOO_LARGE',
}
