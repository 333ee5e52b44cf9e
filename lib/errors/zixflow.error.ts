import { inspect } from 'node:util';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

/**
 * Base of every error this package throws. It holds only plain, already-redacted data: never the
 * underlying HTTP error (whose config carries the API key), so message, JSON and inspect are safe to log.
 */
export class ZixflowError extends Error {
  readonly code: ZixflowErrorCode;

  constructor(code: ZixflowErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
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
