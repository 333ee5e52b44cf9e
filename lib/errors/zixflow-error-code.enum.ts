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
  /** A postback body we could not accept (HTTP 400). */
  PostbackInvalid = 'POSTBACK_INVALID',
  /** A postback body over `maxBodyBytes` (HTTP 413). */
  PostbackTooLarge = 'POSTBACK_TOO_LARGE',
}
