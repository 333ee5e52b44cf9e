import { validateSync, type ValidationError } from 'class-validator';
import { ZixflowValidationError, type ZixflowFieldError } from '../errors/zixflow-validation.error';

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
  skip?: string[];
  /** Checks class-validator can't express; their errors are reported with the others. */
  extra?: (dto: T) => ZixflowFieldError[];
}

/**
 * Copies a plain object (or DTO instance) onto a fresh DTO and validates it synchronously, reporting every
 * failing field at once. Unknown properties are rejected, which catches snake_case wire names passed by mistake.
 */
export function validateInput<T extends object>(ctor: Ctor<T>, input: unknown, opts: ValidateInputOptions<T> = {}): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ZixflowValidationError([{ field: '(input)', reasons: ['input must be an object'] }]);
  }
  const dto = Object.assign(new ctor(), input, opts.override);
  if (opts.defaults) {
    const target = dto as Record<string, unknown>;
    for (const [key, value] of Object.entries(opts.defaults)) {
      if (target[key] === undefined && value !== undefined) target[key] = value;
    }
  }
  let errors = flatten(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }));
  if (opts.skip?.length) errors = errors.filter((e) => !opts.skip?.includes(e.field));
  if (opts.extra) errors.push(...opts.extra(dto));
  if (errors.length > 0) throw new ZixflowValidationError(errors);
  return dto;
}
