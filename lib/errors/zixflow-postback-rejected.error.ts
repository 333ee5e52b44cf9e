import { ZixflowError } from './zixflow.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

export type ZixflowPostbackRejectionCode =
  ZixflowErrorCode.PostbackInvalid | ZixflowErrorCode.PostbackTooLarge;

/**
 * A postback body was refused before any listener saw it. `httpStatus` is what the endpoint should answer.
 * The message and fields never echo body values (they carry phone numbers), only field names and rules.
 */
export class ZixflowPostbackRejectedError extends ZixflowError {
  readonly httpStatus: 400 | 413;

  constructor(
    code: ZixflowPostbackRejectionCode,
    /** Why, in one sentence; safe to log and to send back to the caller. */
    readonly reason: string,
    /** The wire (snake_case) field at fault, when one is. */
    readonly field?: string,
  ) {
    super(code, `Postback rejected: ${reason}`);
    this.httpStatus = code === ZixflowErrorCode.PostbackTooLarge ? 413 : 400;
  }

  static invalid(reason: string, field?: string): ZixflowPostbackRejectedError {
    return new ZixflowPostbackRejectedError(ZixflowErrorCode.PostbackInvalid, reason, field);
  }

  static tooLarge(maxBodyBytes: number): ZixflowPostbackRejectedError {
    return new ZixflowPostbackRejectedError(
      ZixflowErrorCode.PostbackTooLarge,
      `body is larger than ${maxBodyBytes} bytes`,
    );
  }
}
