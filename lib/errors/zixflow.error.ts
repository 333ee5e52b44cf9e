import { inspect } from 'node:util';
import { ZixflowErrorCode } from './zixflow-error-code.enum';
import type { SendOutcome } from './send-outcome.type';

/**
 * Base of every error this package throws. It holds only plain, already-redacted data: never the
 * underlying HTTP error (whose config carries the API key), so message, JSON and inspect are safe to log.
 * A `cause`, when there is one, is a sanitized copy built by the subclass (see ZixflowInternalError).
 */
export class ZixflowError extends Error {
  /** Stable code to switch on; never renamed once published. */
  readonly code: ZixflowErrorCode;
  /**
   * Whether the SMS may have gone out: `not_sent` only when that is provable (refused, or failed before the
   * request reached a socket), `unknown` otherwise. Errors unrelated to a send (config, postbacks) say
   * `not_sent`. Use `isSafeToResend(error)` rather than reading it directly.
   */
  readonly outcome: SendOutcome;
  /**
   * On every error a send (`send`, `sendTemplate`, `sendDlt`, and each item of `sendMany`) rejects with: the
   * `sendId` generated for it, which its postbacks name. With `outcome: 'unknown'`, pass it to
   * `SmsService.resolveOutcome` to learn whether Zixflow queued it.
   */
  sendId?: string;

  constructor(
    code: ZixflowErrorCode,
    message: string,
    outcome: SendOutcome = 'not_sent',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.outcome = outcome;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined) out[key] = value;
    }
    return out;
  }

  [inspect.custom](): string {
    return `${this.name} [${this.code}]: ${this.message} ${inspect(this.toJSON(), { depth: 4 })}`;
  }
}
