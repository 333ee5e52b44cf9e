import { validateSync, type ValidationError } from 'class-validator';
import { ZixflowValidationError, type ZixflowFieldError } from '../errors/zixflow-validation.error';
import { passesAllRules } from './class-validator-metadata.fence';

type Ctor<T> = new () => T;

function flatten(errors: ValidationError[], prefix = ''): ZixflowFieldError[] {
  const out: ZixflowFieldError[] = [];
  for (const error of errors) {
    const field = prefix + error.property;
    if (error.constraints) out.push({ field, reasons: Object.values(error.constraints) });
    if (error.children?.length) out.push(...flatten(error.children, `${field}.`));
  }
  return out;
}

export interface ValidateInputOptions<T> {
  /** Values used where the input leaves a field undefined (module defaults). */
  defaults?: Partial<T>;
  /** Values that replace the input's (e.g. a normalized recipient). */
  override?: Partial<T>;
  /** Fields whose class-validator errors are dropped because `extra` reports them better. */
  skip?: readonly string[];
  /** Checks class-validator can't express; their errors are reported with the others. */
  extra?: (dto: T) => ZixflowFieldError[];
  /**
   * Decide valid input with the pre-resolved rules (see the fence module) before running validateSync.
   * Default true; `false` always runs validateSync (module option `fastPaths.precompiledValidation`).
   */
  precompiled?: boolean;
}

/** A DTO built from the input, and the class-validator errors found in it (undefined: none). */
export interface CheckedInput<T> {
  dto: T;
  errors: ZixflowFieldError[] | undefined;
}

/**
 * Copies a plain object (or DTO instance) onto a fresh DTO and runs class-validator's rules on it, returning
 * the DTO and every failing field (not thrown: the caller adds its own checks, then reports all at once).
 * Unknown properties are rejected, which catches snake_case wire names passed by mistake.
 */
export function checkInput<T extends object>(
  ctor: Ctor<T>,
  input: unknown,
  opts: Omit<ValidateInputOptions<T>, 'extra'> = {},
): CheckedInput<T> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ZixflowValidationError([{ field: '(input)', reasons: ['input must be an object'] }]);
  }
  const dto = Object.assign(new ctor(), input, opts.override);
  if (opts.defaults) {
    const target = dto as Record<string, unknown>;
    const defaults = opts.defaults as Record<string, unknown>;
    // for-in over own keys: same keys and order as Object.entries, without its per-call arrays.
    for (const key in defaults) {
      if (!Object.prototype.hasOwnProperty.call(defaults, key)) continue;
      const value = defaults[key];
      if (target[key] === undefined && value !== undefined) target[key] = value;
    }
  }
  // validateSync has a fixed cost per call (metadata lookups, one ValidationError per property) that dominates
  // a valid send; the pre-resolved check gives the same verdict for valid input, and any doubt runs it in full.
  // A valid input allocates no error list.
  let errors: ZixflowFieldError[] | undefined;
  if (opts.precompiled === false || !passesAllRules(dto)) {
    errors = flatten(
      validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
    );
    const skip = opts.skip;
    if (skip?.length) errors = errors.filter((e) => !skip.includes(e.field));
    if (errors.length === 0) errors = undefined;
  }
  return { dto, errors };
}

/** checkInput, then `extra`; throws ZixflowValidationError listing every failing field, else returns the DTO. */
export function validateInput<T extends object>(
  ctor: Ctor<T>,
  input: unknown,
  opts: ValidateInputOptions<T> = {},
): T {
  const checked = checkInput(ctor, input, opts);
  let errors = checked.errors;
  if (opts.extra) {
    const extra = opts.extra(checked.dto);
    if (extra.length > 0) errors = errors === undefined ? extra : [...errors, ...extra];
  }
  if (errors !== undefined) throw new ZixflowValidationError(errors);
  return checked.dto;
}
