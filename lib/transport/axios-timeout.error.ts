import { AxiosError, type InternalAxiosRequestConfig } from 'axios';

/**
 * The timeout error axios' own adapter builds (message, and code by `transitional.clarifyTimeoutError`), so
 * both of our transports report a timeout exactly as axios would. Left unmarked: whether it was sent is
 * decided by the caller.
 */
export function axiosTimeoutError(config: InternalAxiosRequestConfig, request?: unknown): AxiosError {
  const { timeout, timeoutErrorMessage, transitional } = config;
  const message = timeoutErrorMessage || (timeout ? `timeout of ${timeout}ms exceeded` : 'timeout exceeded');
  const code = transitional?.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
  return new AxiosError(message, code, config, request);
}
