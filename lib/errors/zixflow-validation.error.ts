import { ZixflowError } from './zixflow.error';
import { ZixflowErrorCode } from './zixflow-error-code.enum';

/** One rejected input field of a `ZixflowValidationError`, with every rule it failed. */
export interface ZixflowFieldError {
  /** Dotted path of the field, e.g. `recipient` or `variables.name`. */
  field: string;
  /** Why it was rejected, one sentence per failed rule. */
  reasons: string[];
}

/** Input rejected before any network call; nothing was sent. */
export class ZixflowValidationError extends ZixflowError {
  constructor(
    readonly errors: ZixflowFieldError[],
    summary?: string,
  ) {
    super(
      ZixflowErrorCode.Validation,
      summary ?? `Invalid SMS input: ${errors.map((e) => `${e.field}: ${e.reasons.join('; ')}`).join(' | ')}`,
    );
  }
}
