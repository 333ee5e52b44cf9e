import { ZixflowValidationError, type ZixflowFieldError } from '../errors';
import type { DltTemplate } from '../interfaces/zixflow-dlt-options.interface';
import { DEFAULT_DLT_MAX_VARIABLE_LENGTH } from './dlt.constants';
import { parseDltTemplateBody } from './dlt-template-body.parser';

/**
 * Values for a template's `{#var#}`s. The array is the documented form: values in placeholder order. DLT
 * variables have no names, so a record must be keyed `var1`, `var2`, ... (1-based, placeholder order).
 */
export type DltTemplateValues = readonly string[] | Readonly<Record<string, string>>;

export interface RenderDltTemplateOptions {
  /** Default 30. */
  maxVariableLength?: number;
}

/**
 * The body with each `{#var#}` replaced by its value. A value must be 1 to `maxVariableLength` characters
 * (code points) with no line break: the same rule `DltTemplateMatcher` checks, so a rendered message always
 * matches its template. Throws `ZixflowValidationError` naming the template key and the variable.
 */
export function renderDltTemplate(
  template: Pick<DltTemplate, 'key' | 'body'>,
  values: DltTemplateValues,
  options: RenderDltTemplateOptions = {},
): string {
  const max = options.maxVariableLength ?? DEFAULT_DLT_MAX_VARIABLE_LENGTH;
  const literals = parseDltTemplateBody(template.body);
  const count = literals.length - 1;
  const label = `DLT template "${template.key}"`;

  const ordered = toOrderedValues(values, count, label);
  if (!Array.isArray(ordered)) throw new ZixflowValidationError(ordered.errors);

  const errors: ZixflowFieldError[] = [];
  ordered.forEach((value, i) => {
    const reasons = valueProblems(value, max);
    if (reasons.length > 0) {
      errors.push({
        field: `variables.var${i + 1}`,
        reasons: reasons.map((r) => `${label}, {#var#} #${i + 1}: ${r}`),
      });
    }
  });
  if (errors.length > 0) throw new ZixflowValidationError(errors);

  const strings = ordered as string[];
  return literals.reduce((out, literal, i) => (i === 0 ? literal : out + strings[i - 1] + literal), '');
}

function toOrderedValues(
  values: DltTemplateValues,
  count: number,
  label: string,
): unknown[] | { errors: ZixflowFieldError[] } {
  const expected = `${count} variable${count === 1 ? '' : 's'}`;
  if (Array.isArray(values)) {
    if (values.length === count) return values as unknown[];
    return {
      errors: [{ field: 'variables', reasons: [`${label} has ${expected}, got ${values.length} values`] }],
    };
  }
  if (values === null || typeof values !== 'object') {
    return {
      errors: [{ field: 'variables', reasons: [`${label}: values must be an array or a var1..varN record`] }],
    };
  }
  const record = values as Readonly<Record<string, unknown>>;
  const errors: ZixflowFieldError[] = [];
  const names = Array.from({ length: count }, (_, i) => `var${i + 1}`);
  for (const key of Object.keys(record)) {
    if (!names.includes(key)) {
      const known = count === 0 ? 'it has no variables' : `it has ${names.join(', ')}`;
      errors.push({ field: `variables.${key}`, reasons: [`${label} has no variable "${key}"; ${known}`] });
    }
  }
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(record, name)) {
      errors.push({
        field: `variables.${name}`,
        reasons: [`${label}, {#var#} #${name.slice(3)}: value is missing`],
      });
    }
  }
  return errors.length > 0 ? { errors } : names.map((name) => record[name]);
}

function valueProblems(value: unknown, max: number): string[] {
  if (typeof value !== 'string') return [`must be a string (got ${value === null ? 'null' : typeof value})`];
  const length = [...value].length;
  const reasons: string[] = [];
  if (length === 0) reasons.push('must not be empty');
  if (length > max) reasons.push(`is ${length} characters; the maximum is ${max}`);
  if (/[\r\n]/.test(value)) reasons.push('must not contain a line break');
  return reasons;
}
