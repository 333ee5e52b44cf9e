import {
  getMetadataStorage,
  ValidationTypes,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * The one place that reads class-validator internals (its MetadataStorage and ValidationMetadata fields),
 * for validateInput's fast path. If an upgrade changes their shape, compiling throws or finds nothing, the
 * DTO is marked "not compiled" and validateSync runs for every call (the plain path); the fence test
 * (test/unit/sms/class-validator-metadata.fence.spec.ts) fails by name.
 */

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
  try {
    return compileRules(ctor);
  } catch {
    // The metadata no longer has the shape read below: fall back to validateSync.
    return null;
  }
}

function compileRules(ctor: object): CompiledDto | null {
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
export function passesAllRules(dto: object): boolean {
  try {
    return passesCompiledRules(dto);
  } catch {
    // A constraint threw, or the metadata changed shape: validateSync gives the authoritative answer.
    return false;
  }
}

function passesCompiledRules(dto: object): boolean {
  const ctor = dto.constructor;
  const compiled = compiledFor(ctor);
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

/** Whether class-validator's rules of `ctor` could be pre-resolved (false: validateSync runs every time). */
export function isPrecompiled(ctor: object): boolean {
  return compiledFor(ctor) !== null;
}

/** The DTO's compiled rules, compiled on first use. */
function compiledFor(ctor: object): CompiledDto | null {
  let compiled = compiledDtos.get(ctor);
  if (compiled === undefined) {
    compiled = compile(ctor);
    compiledDtos.set(ctor, compiled);
  }
  return compiled;
}
