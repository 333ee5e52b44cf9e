import { ZixflowError } from './zixflow.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';
import type { SendOutcome } from './send-outcome.type';

/** Keeps name, message, stack and a string `code` of what was thrown, with every secret removed. */
function sanitize(error: unknown, redact: (text: string) => string): Error {
  if (!(error instanceof Error)) {
    const copy = new Error(redact(`non-error value thrown: ${typeof error}`));
    copy.name = 'NonError';
    return copy;
  }
  const copy = new Error(redact(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : redact(error.stack);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  return copy;
}

/**
 * A failure that is not the network's nor the API's: a bug, an interceptor or a mocked HTTP service that
 * threw. `cause` is a sanitized copy of what was thrown (name, message, stack, `code`; credentials
 * removed), safe to log like every ZixflowError. `outcome` is `not_sent` when it failed before the request
 * was handed to the transport, else `unknown`.
 */
export class ZixflowInternalError extends ZixflowError {
  declare readonly cause: Error;

  constructor(
    error: unknown,
    outcome: SendOutcome,
    /** Removes credentials from the message and stack; identity when there is nothing to remove. */
    redact: (text: string) => string = (text) => text,
  ) {
    const cause = sanitize(error, redact);
    super(
      ZixflowErrorCode.Internal,
      `Internal error while sending (outcome: ${outcome}): ${cause.name}: ${cause.message}`,
      outcome,
      { cause },
    );
  }

  /** Adds the sanitized cause (name, message, `code`), so a logged JSON line says what was thrown. */
  override toJSON(): Record<string, unknown> {
    const { name, message } = this.cause;
    const code = (this.cause as { code?: unknown }).code;
    return { ...super.toJSON(), cause: { name, message, ...(code !== undefined ? { code } : {}) } };
  }
}
