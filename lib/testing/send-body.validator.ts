/** Which send endpoint a body was posted to. */
export type SimulatorSendEndpoint = 'message' | 'template';

const ROUTES: readonly string[] = ['promotional', 'transactional', 'otp'];
const RECIPIENT_PATTERN = /^\d{8,15}$/;
const DIGITS_PATTERN = /^\d+$/;

type Check = (body: Record<string, unknown>) => string | undefined;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Absent means `undefined` only: a JSON null is a client bug worth surfacing, so it is "ill-typed".
function requiredString(field: string): Check {
  return (body) => {
    const value = body[field];
    if (value === undefined) return `${field}: is required`;
    if (typeof value !== 'string') return `${field}: must be a string`;
    if (value.trim() === '') return `${field}: must not be empty`;
    return undefined;
  };
}

function optionalString(field: string): Check {
  return (body) =>
    body[field] === undefined || typeof body[field] === 'string' ? undefined : `${field}: must be a string`;
}

function optionalDigits(field: string): Check {
  return (body) => {
    const value = body[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return `${field}: must be a string`;
    return DIGITS_PATTERN.test(value) ? undefined : `${field}: must contain digits only`;
  };
}

const recipient: Check = (body) => {
  const missing = requiredString('recipient')(body);
  if (missing) return missing;
  return RECIPIENT_PATTERN.test(body.recipient as string)
    ? undefined
    : 'recipient: must be 8 to 15 digits (country code and number, no +, spaces or dashes)';
};

const route: Check = (body) => {
  const missing = requiredString('route')(body);
  if (missing) return missing;
  return ROUTES.includes(body.route as string) ? undefined : `route: must be one of ${ROUTES.join(', ')}`;
};

const isFlash: Check = (body) =>
  body.is_flash === undefined || typeof body.is_flash === 'boolean'
    ? undefined
    : 'is_flash: must be a boolean';

const postBackUrl: Check = (body) => {
  const value = body.post_back_url;
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return 'post_back_url: must be a string';
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    return 'post_back_url: must be an absolute http(s) URL';
  }
  return protocol === 'http:' || protocol === 'https:'
    ? undefined
    : 'post_back_url: must be an absolute http(s) URL';
};

const template: Check = (body) => {
  const hasName = body.template_name !== undefined;
  const hasId = body.template_id !== undefined;
  if (hasName && hasId) return 'template_name: give either template_name or template_id, not both';
  if (!hasName && !hasId) return 'template_name: template_name or template_id is required';
  return requiredString(hasName ? 'template_name' : 'template_id')(body);
};

const variables: Check = (body) => {
  const value = body.variables;
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) return 'variables: must be an object of strings';
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== 'string') return `variables.${name}: must be a string`;
  }
  return undefined;
};

// Checked in the documented field order, so the first problem reported is deterministic.
const CHECKS: Record<SimulatorSendEndpoint, readonly Check[]> = {
  message: [
    recipient,
    requiredString('message'),
    requiredString('sender_id'),
    route,
    isFlash,
    optionalDigits('dlt_entity_id'),
    optionalDigits('dlt_template_id'),
    postBackUrl,
    optionalString('post_back_data'),
  ],
  template: [
    recipient,
    route,
    requiredString('sender_id'),
    template,
    variables,
    isFlash,
    postBackUrl,
    optionalString('post_back_data'),
  ],
};

/**
 * Validates a parsed send body the way the simulator assumes the real API does. Unknown fields are ignored.
 *
 * @returns `'<field>: <reason>'` for the first problem, or `undefined` when the body is acceptable.
 */
export function validateSendBody(endpoint: SimulatorSendEndpoint, body: unknown): string | undefined {
  if (!isPlainObject(body)) return 'body: must be a JSON object';
  for (const check of CHECKS[endpoint]) {
    const problem = check(body);
    if (problem) return problem;
  }
  return undefined;
}
