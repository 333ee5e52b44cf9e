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
}
