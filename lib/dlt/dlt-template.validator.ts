import { SmsRoute } from '../sms/sms-route.enum';

const KNOWN_FIELDS = new Set(['key', 'templateId', 'body', 'entityId', 'senderIds', 'route']);
const ROUTES = new Set<string>(Object.values(SmsRoute));
const DIGITS = /^\d+$/;

/**
 * What is wrong with one template as configured, each problem naming the template (by key when it has one)
 * and where it came from. Empty when it is usable. Unknown fields are rejected so that a typo such as
 * `entityID` cannot silently drop a field.
 */
export function dltTemplateProblems(raw: unknown, where: string): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return [`DLT template ${where} must be an object`];
  }
  const t = raw as Record<string, unknown>;
  const name =
    typeof t.key === 'string' && t.key.trim() !== ''
      ? `DLT template "${t.key}" (${where})`
      : `DLT template ${where}`;
  const problems: string[] = [];

  if (typeof t.key !== 'string' || t.key.trim() === '')
    problems.push(`${name}: key must be a non-empty string`);
  if (typeof t.templateId !== 'string' || !DIGITS.test(t.templateId)) {
    // DLT ids run to 19 digits, past what a JSON number holds exactly.
    problems.push(`${name}: templateId must be a string of digits (got ${describe(t.templateId)})`);
  }
  if (typeof t.body !== 'string' || t.body.trim() === '')
    problems.push(`${name}: body must be a non-empty string`);
  if (t.entityId !== undefined && (typeof t.entityId !== 'string' || !DIGITS.test(t.entityId))) {
    problems.push(`${name}: entityId must be a string of digits (got ${describe(t.entityId)})`);
  }
  if (
    t.senderIds !== undefined &&
    (!Array.isArray(t.senderIds) || t.senderIds.some((s) => typeof s !== 'string' || s.trim() === ''))
  ) {
    problems.push(`${name}: senderIds must be an array of non-empty strings`);
  }
  if (t.route !== undefined && (typeof t.route !== 'string' || !ROUTES.has(t.route))) {
    problems.push(`${name}: route must be one of ${[...ROUTES].join(', ')} (got ${describe(t.route)})`);
  }
  for (const field of Object.keys(t)) {
    if (!KNOWN_FIELDS.has(field)) problems.push(`${name}: unknown field "${field}"`);
  }
  return problems;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return `the number ${value}`;
  return value === null ? 'null' : typeof value;
}
