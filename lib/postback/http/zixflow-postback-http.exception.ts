import { HttpException } from '@nestjs/common';

/** HTTP statuses the postback endpoint refuses a request with (503: the store is unreachable; Zixflow retries). */
export type ZixflowPostbackHttpStatus = 400 | 401 | 403 | 413 | 415 | 500 | 503;

const ERROR_NAMES: Readonly<Record<ZixflowPostbackHttpStatus, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * How the postback endpoint refuses a request: a plain HttpException, so the app's own exception filters
 * see it, with the body `{ statusCode, error, message }` where message is a reason safe to show the caller.
 */
export class ZixflowPostbackHttpException extends HttpException {
  constructor(
    status: ZixflowPostbackHttpStatus,
    /** Never contains body values (they carry phone numbers) nor secrets. */
    readonly reason: string,
  ) {
    super({ statusCode: status, error: ERROR_NAMES[status], message: reason }, status);
  }
}
