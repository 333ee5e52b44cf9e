import { DEFAULT_BASE_URL } from '../zixflow.constants';
import { ZixflowConfigError } from '../errors/zixflow-config.error';
import { SmsRoute } from '../sms/sms-route.enum';
import type {
  ZixflowFastPathOptions,
  ZixflowModuleOptions,
} from '../interfaces/zixflow-module-options.interface';
import type { ZixflowResolvedOptions } from '../interfaces/zixflow-resolved-options.interface';
import type { ZixflowPostbackOptions } from '../interfaces/zixflow-postback-options.interface';
import type { ZixflowStore } from '../store/zixflow-store.interface';
import { POSTBACK_SECRET_MIN_LENGTH } from '../postback/auth/postback-token.signer';

const ROUTES = new Set<string>(Object.values(SmsRoute));

const FAST_PATH_KEYS = [
  'directDispatch',
  'precompiledValidation',
  'postbackLayout',
  'postbackTokenCache',
] as const satisfies ReadonlyArray<keyof ZixflowFastPathOptions>;

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Where options came from, when not from code: option path (`defaults.route`) -> environment variable
 * (`ZIXFLOW_ROUTE`). A problem with such an option names the variable.
 */
export type ZixflowOptionSources = Readonly<Record<string, string>>;

/**
 * Records a problem of the option at `path`. From code: `text` and `hint`. From an environment variable:
 * `VARIABLE: text`, or `asEnv(VARIABLE)` when given.
 */
type Problem = (path: string, text: string, hint?: string, asEnv?: (env: string) => string) => void;

/** Whitespace inside a credential is a paste or file-reading mistake: no header value may carry it. */
const INNER_WHITESPACE = /\s/;

/** A credential as sent: surrounding whitespace (a secrets file's trailing newline) dropped. */
function trimmed(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

const CREDENTIAL_ENV = { apiKey: 'ZIXFLOW_API_KEY', workspaceId: 'ZIXFLOW_WORKSPACE_ID' } as const;

function credentialProblem(problem: Problem, path: 'apiKey' | 'workspaceId', value: unknown): void {
  if (typeof value !== 'string' || value === '') {
    problem(
      path,
      `${path} is required`,
      ` (a non-empty string; env ${CREDENTIAL_ENV[path]})`,
      (env) => `${env} is not set`,
    );
  } else if (INNER_WHITESPACE.test(value)) {
    problem(path, `${path} must not contain whitespace (a space or line break inside the value)`);
  }
}

/**
 * Every problem of `options`, each naming the option, or the environment variable it came from (`sources`).
 * Messages never hold values (the key must not leak). Credentials are checked as they will be sent (trimmed).
 */
export function zixflowOptionProblems(
  options: ZixflowModuleOptions,
  sources: ZixflowOptionSources = {},
): string[] {
  const problems: string[] = [];
  const problem: Problem = (path, text, hint = '', asEnv = (env) => `${env}: ${text}`) => {
    const env = sources[path];
    problems.push(env === undefined ? `${text}${hint}` : asEnv(env));
  };
  // forRoot takes `name` off the options; only an async factory's result can still hold it.
  if ((options as { name?: unknown }).name !== undefined) {
    problems.push(
      'name must be passed at the top level of forRootAsync({ name, useFactory }), not in the factory result: ' +
        "the instance's tokens are made before the factory runs",
    );
  }
  credentialProblem(problem, 'apiKey', trimmed(options.apiKey));
  credentialProblem(problem, 'workspaceId', trimmed(options.workspaceId));
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  if (
    typeof options.baseUrl !== 'undefined' &&
    (typeof options.baseUrl !== 'string' || !isHttpUrl(baseUrl))
  ) {
    problem('baseUrl', 'baseUrl must be an http(s) URL');
  }
  for (const key of ['timeoutMs', 'connectTimeoutMs', 'shutdownTimeoutMs', 'maxSegments'] as const) {
    if (options[key] !== undefined && !isPositiveInt(options[key]))
      problem(key, `${key} must be a positive integer`);
  }
  const defaults = options.defaults ?? {};
  if (defaults.route !== undefined && !ROUTES.has(defaults.route)) {
    problem('defaults.route', `defaults.route must be one of ${[...ROUTES].join(', ')}`);
  }
  if (
    defaults.senderId !== undefined &&
    (typeof defaults.senderId !== 'string' || defaults.senderId === '')
  ) {
    problem('defaults.senderId', 'defaults.senderId must be a non-empty string');
  }
  if (defaults.dltEntityId !== undefined && !/^\d+$/.test(String(defaults.dltEntityId))) {
    problem('defaults.dltEntityId', 'defaults.dltEntityId must be a digit string');
  }
  const http = options.http ?? {};
  if (http.adapter !== undefined && http.adapter !== 'undici' && http.adapter !== 'http') {
    problem('http.adapter', "http.adapter must be 'undici' or 'http'");
  }
  if (http.connections !== undefined && !isPositiveInt(http.connections)) {
    problem('http.connections', 'http.connections must be a positive integer');
  }
  const limits = options.limits ?? {};
  if (
    limits.ratePerSecond !== undefined &&
    !(typeof limits.ratePerSecond === 'number' && limits.ratePerSecond > 0)
  ) {
    problem('limits.ratePerSecond', 'limits.ratePerSecond must be a positive number');
  }
  if (limits.maxConcurrency !== undefined && !isPositiveInt(limits.maxConcurrency)) {
    problem('limits.maxConcurrency', 'limits.maxConcurrency must be a positive integer');
  }
  const retry = options.retry ?? {};
  for (const key of ['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'deadlineMs'] as const) {
    const value = retry[key];
    if (
      value !== undefined &&
      !(typeof value === 'number' && Number.isInteger(value) && value >= (key === 'maxAttempts' ? 1 : 0))
    ) {
      problem(
        `retry.${key}`,
        `retry.${key} must be ${key === 'maxAttempts' ? 'an integer >= 1' : 'a non-negative integer'}`,
      );
    }
  }
  const postbackUrl = options.postback?.publicUrl;
  if (postbackUrl !== undefined && (typeof postbackUrl !== 'string' || !isHttpUrl(postbackUrl))) {
    problem('postback.publicUrl', 'postback.publicUrl must be an http(s) URL');
  }
  postbackProblems(options.postback, problem);
  fastPathProblems(options.fastPaths, problem);
  storeProblems(options.store, problem);
  return problems;
}

/**
 * Merges defaults into the user's options and checks them, so a misconfiguration fails at boot with
 * every problem named at once. Credentials are trimmed (a trailing newline from a secrets file).
 */
export function resolveZixflowOptions(
  options: ZixflowModuleOptions | undefined | null,
): ZixflowResolvedOptions {
  if (options === null || typeof options !== 'object') {
    throw new ZixflowConfigError(['options must be an object with at least apiKey and workspaceId']);
  }
  const problems = zixflowOptionProblems(options);
  if (problems.length > 0) throw new ZixflowConfigError(problems);

  const apiKey = options.apiKey.trim();
  const workspaceId = options.workspaceId.trim();
  const postback = options.postback && {
    ...options.postback,
    ...(options.postback.secret !== undefined ? { secret: trimSecrets(options.postback.secret) } : {}),
  };
  return {
    ...options,
    apiKey,
    workspaceId,
    ...(postback !== undefined ? { postback } : {}),
    baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    timeoutMs: options.timeoutMs ?? 10_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 10_000,
    defaults: options.defaults ?? {},
    secrets: [apiKey, workspaceId, ...postbackSecrets(postback)],
  };
}

function trimSecrets(secret: string | string[]): string | string[] {
  return typeof secret === 'string' ? secret.trim() : secret.map((s) => s.trim());
}

/** Every `fastPaths` switch given must be a boolean (a string 'false' would silently mean on). */
function fastPathProblems(fastPaths: ZixflowFastPathOptions | undefined, problem: Problem): void {
  if (fastPaths === undefined) return;
  if (fastPaths === null || typeof fastPaths !== 'object')
    return problem('fastPaths', 'fastPaths must be an object');
  for (const key of FAST_PATH_KEYS) {
    if (fastPaths[key] !== undefined && typeof fastPaths[key] !== 'boolean')
      problem(`fastPaths.${key}`, `fastPaths.${key} must be a boolean`);
  }
}

// --- postback options -------------------------------------------------------------------------------

const STORE_METHODS = [
  'claimPostback',
  'releasePostback',
  'markPending',
  'getSettled',
  'getStatus',
  'subscribe',
] as const satisfies ReadonlyArray<keyof ZixflowStore>;

function storeProblems(store: unknown, problem: Problem): void {
  if (store === undefined) return;
  const missing = STORE_METHODS.filter(
    (name) => typeof (store as Record<string, unknown> | null)?.[name] !== 'function',
  );
  if (missing.length > 0) {
    problem('store', `store must implement ZixflowStore (missing: ${missing.join(', ')})`);
  }
}

function postbackSecrets(postback: ZixflowPostbackOptions | undefined): string[] {
  const secret = postback?.secret;
  return secret === undefined ? [] : typeof secret === 'string' ? [secret] : [...secret];
}

/** Shape checks for `postback`; messages name options, never secret values. */
function postbackProblems(postback: ZixflowPostbackOptions | undefined, problem: Problem): void {
  if (postback === undefined) return;
  if (postback === null || typeof postback !== 'object')
    return problem('postback', 'postback must be an object');
  const { secret } = postback;
  if (secret !== undefined) {
    const list: unknown[] = Array.isArray(secret) ? secret : [secret];
    if (
      list.length === 0 ||
      list.some((s) => typeof s !== 'string' || s.trim().length < POSTBACK_SECRET_MIN_LENGTH)
    ) {
      problem(
        'postback.secret',
        `postback.secret must be a string (or a non-empty array of strings, the first signing) of at least ${POSTBACK_SECRET_MIN_LENGTH} characters`,
        ' (env ZIXFLOW_POSTBACK_SECRET)',
      );
    }
  }
  if (postback.publicUrl !== undefined && secret === undefined) {
    problem(
      'postback.publicUrl',
      'postback.publicUrl needs postback.secret to sign the URL it hands to Zixflow (env ZIXFLOW_POSTBACK_SECRET)',
    );
  }
  if (postback.path !== undefined && (typeof postback.path !== 'string' || postback.path.trim() === '')) {
    problem('postback.path', 'postback.path must be a non-empty string');
  }
  for (const key of ['verify', 'ackAfterListeners', 'detectRawBody'] as const) {
    if (postback[key] !== undefined && typeof postback[key] !== 'boolean')
      problem(`postback.${key}`, `postback.${key} must be a boolean`);
  }
  if (postback.maxBodyBytes !== undefined && !isPositiveInt(postback.maxBodyBytes)) {
    problem('postback.maxBodyBytes', 'postback.maxBodyBytes must be a positive integer');
  }
  if (postback.tokenMaxAgeMs !== undefined && !isPositiveInt(postback.tokenMaxAgeMs)) {
    problem(
      'postback.tokenMaxAgeMs',
      'postback.tokenMaxAgeMs must be a positive integer',
      ' (env ZIXFLOW_POSTBACK_TOKEN_MAX_AGE_MS)',
    );
  }
  if ((postback as { dedup?: unknown }).dedup !== undefined) {
    problem(
      'postback.dedup',
      'postback.dedup was removed in 1.0: pass a store as the top-level `store` option (see ZixflowStore)',
    );
  }
}
