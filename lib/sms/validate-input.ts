import {
  getMetadataStorage,
  validateSync,
  ValidationTypes,
  type ValidationArguments,
  type ValidationError,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { ZixflowValidationError, type ZixflowFieldError } from '../errors/zixflow-validation.error';

type Ctor<T> = new () => T;

interface CompiledCheck {
  metadata: ValidationMetadata;
  constraints: Array<{ instance: ValidatorConstraintInterface; async: boolean }>;
}

interface CompiledProperty {
  name: string;
  conditions: ValidationMetadata[];
  checks: CompiledCheck[];
}

interface CompiledDto {
  properties: CompiledProperty[];
  known: ReadonlySet<string>;
}

/** Per DTO class: its class-validator metadata, looked up once (validateSync filters it on every call). */
const compiledDtos = new WeakMap<object, CompiledDto | null>();

/**
 * The DTO's own class-validator rules, pre-resolved: the same constraint instances validateSync would call,
 * with the same arguments. null when the DTO uses anything beyond plain conditional (IsOptional) and custom
 * validations (nested, IsDefined, groups, ...): validateSync then always runs.
 */
function compile(ctor: object): CompiledDto | null {
  const storage = getMetadataStorage();
  // Exactly the arguments validateSync(dto, options) passes: no schema, no groups, always false.
  const noSchema = undefined as unknown as string;
  const metadatas = storage.getTargetValidationMetadatas(
    ctor as new () => object,
    noSchema,
    false,
    false,
    undefined,
  );
  if (metadatas.length === 0) return null;
  const grouped = storage.groupByPropertyName(metadatas);
  const properties: CompiledProperty[] = [];
  for (const [name, list] of Object.entries(grouped)) {
    const property: CompiledProperty = { name, conditions: [], checks: [] };
    for (const metadata of list) {
      if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) property.conditions.push(metadata);
      else if (metadata.type === ValidationTypes.CUSTOM_VALIDATION && metadata.constraintCls) {
        const constraints = storage
          .getTargetValidatorConstraints(metadata.constraintCls)
          .map((c) => ({ instance: c.instance as ValidatorConstraintInterface, async: c.async }));
        property.checks.push({ metadata, constraints });
      } else return null;
    }
    properties.push(property);
  }
  return { properties, known: new Set(Object.keys(grouped)) };
}

/**
 * True only when validateSync(dto, { whitelist, forbidNonWhitelisted, forbidUnknownValues }) would report
 * nothing, decided with the very same constraint calls in the same way as class-validator's executor.
 * False means "not sure" (a rule failed, or something unusual such as `each` or a promise): the caller then
 * runs validateSync for the authoritative answer and its messages. No rule is skipped or reimplemented.
 */
function passesAllRules(dto: object): boolean {
  const ctor = dto.constructor;
  let compiled = compiledDtos.get(ctor);
  if (compiled === undefined) {
    compiled = compile(ctor);
    compiledDtos.set(ctor, compiled);
  }
  if (compiled === null) return false;
  const target = dto as Record<string, unknown>;
  // forbidNonWhitelisted: any own property without rules is an error.
  for (const key in target) {
    if (Object.prototype.hasOwnProperty.call(target, key) && !compiled.known.has(key)) return false;
  }
  // One arguments object per call, refilled for each constraint (validators read it during the call only).
  let args: ValidationArguments | undefined;
  for (const property of compiled.properties) {
    const value = target[property.name];
    let validate = true;
    for (const condition of property.conditions) {
      if (!(condition.constraints[0] as (o: object, v: unknown) => boolean)(dto, value)) validate = false;
    }
    if (!validate) continue;
    for (const { metadata, constraints } of property.checks) {
      if (metadata.validateIf && !metadata.validateIf(dto, value)) continue;
      for (const constraint of constraints) {
        if (constraint.async) continue; // validateSync ignores async validators too
        if (metadata.each && (Array.isArray(value) || value instanceof Set || value instanceof Map))
          return false;
        if (args === undefined) {
          args = {
            targetName: ctor.name,
            property: metadata.propertyName,
            object: dto,
            value,
            constraints: metadata.constraints,
          };
        } else {
          args.property = metadata.propertyName;
          args.value = value;
          args.constraints = metadata.constraints;
        }
        const valid = constraint.instance.validate(value, args);
        if (valid !== true) return false;
      }
    }
  }
  return true;
}

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
}

/**
 * Copies a plain object (or DTO instance) onto a fresh DTO and validates it synchronously, reporting every
 * failing field at once. Unknown properties are rejected, which catches snake_case wire names passed by mistake.
 */
export function validateInput<T extends object>(
  ctor: Ctor<T>,
  input: unknown,
  opts: ValidateInputOptions<T> = {},
): T {
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
  // A valid input allocates no error list unless `extra` reports something.
  let errors: ZixflowFieldError[] | undefined;
  if (!passesAllRules(dto)) {
    errors = flatten(
      validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
    );
    const skip = opts.skip;
    if (skip?.length) errors = errors.filter((e) => !skip.includes(e.field));
  }
  if (opts.extra) {
    const extra = opts.extra(dto);
    if (extra.length > 0) {
      if (errors === undefined) errors = [];
      errors.push(...extra);
    }
  }
  if (errors !== undefined && errors.length > 0) throw new ZixflowValidationError(errors);
  return dto;
}
