import { DEFAULT_BASE_URL } from '../zixflow.constants';
import { ZixflowConfigError } from '../errors/zixflow-config.error';
import { SmsRoute } from '../sms/sms-route.enum';
import type { ZixflowModuleOptions } from '../interfaces/zixflow-module-options.interface';
import type { ZixflowResolvedOptions } from '../interfaces/zixflow-resolved-options.interface';
import type { ZixflowPostbackOptions } from '../interfaces/zixflow-postback-options.interface';
import type { PostbackDedupStore } from '../postback/dedup/postback-dedup-store.interface';
import { POSTBACK_SECRET_MIN_LENGTH } from '../postback/auth/postback-token.signer';

const ROUTES = new Set<string>(Object.values(SmsRoute));

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
 * Merges defaults into the user's options and checks them, so a misconfiguration fails at boot with
 * every problem named at once. Messages name options, never their values (the key must not leak).
 */
export function resolveZixflowOptions(
  options: ZixflowModuleOptions | undefined | null,
): ZixflowResolvedOptions {
  const problems: string[] = [];
  if (options === null || typeof options !== 'object') {
    throw new ZixflowConfigError(['options must be an object with at least apiKey and workspaceId']);
  }
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    problems.push('apiKey is required (a non-empty string; env ZIXFLOW_API_KEY)');
  }
  if (typeof options.workspaceId !== 'string' || options.workspaceId.trim() === '') {
    problems.push('workspaceId is required (a non-empty string; env ZIXFLOW_WORKSPACE_ID)');
  }
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  if (
    typeof options.baseUrl !== 'undefined' &&
    (typeof options.baseUrl !== 'string' || !isHttpUrl(baseUrl))
  ) {
    problems.push('baseUrl must be an http(s) URL');
  }
  for (const key of ['timeoutMs', 'connectTimeoutMs', 'shutdownTimeoutMs', 'maxSegments'] as const) {
    if (options[key] !== undefined && !isPositiveInt(options[key]))
      problems.push(`${key} must be a positive integer`);
  }
  const defaults = options.defaults ?? {};
  if (defaults.route !== undefined && !ROUTES.has(defaults.route)) {
    problems.push(`defaults.route must be one of ${[...ROUTES].join(', ')}`);
  }
  if (
    defaults.senderId !== undefined &&
    (typeof defaults.senderId !== 'string' || defaults.senderId === '')
  ) {
    problems.push('defaults.senderId must be a non-empty string');
  }
  if (defaults.dltEntityId !== undefined && !/^\d+$/.test(String(defaults.dltEntityId))) {
    problems.push('defaults.dltEntityId must be a digit string');
  }
  const http = options.http ?? {};
  if (http.adapter !== undefined && http.adapter !== 'undici' && http.adapter !== 'http') {
    problems.push("http.adapter must be 'undici' or 'http'");
  }
  if (http.connections !== undefined && !isPositiveInt(http.connections)) {
    problems.push('http.connections must be a positive integer');
  }
  const limits = options.limits ?? {};
  if (
    limits.ratePerSecond !== undefined &&
    !(typeof limits.ratePerSecond === 'number' && limits.ratePerSecond > 0)
  ) {
    problems.push('limits.ratePerSecond must be a positive number');
  }
  if (limits.maxConcurrency !== undefined && !isPositiveInt(limits.maxConcurrency)) {
    problems.push('limits.maxConcurrency must be a positive integer');
  }
  const retry = options.retry ?? {};
  for (const key of ['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'deadlineMs'] as const) {
    const value = retry[key];
    if (
      value !== undefined &&
      !(typeof value === 'number' && Number.isInteger(value) && value >= (key === 'maxAttempts' ? 1 : 0))
    ) {
      problems.push(
        `retry.${key} must be ${key === 'maxAttempts' ? 'an integer >= 1' : 'a non-negative integer'}`,
      );
    }
  }
  const postbackUrl = options.postback?.publicUrl;
  if (postbackUrl !== undefined && (typeof postbackUrl !== 'string' || !isHttpUrl(postbackUrl))) {
    problems.push('postback.publicUrl must be an http(s) URL');
  }
  problems.push(...postbackProblems(options.postback));
  if (problems.length > 0) throw new ZixflowConfigError(problems);

  return {
    ...options,
    baseUrl,
    timeoutMs: options.timeoutMs ?? 10_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 10_000,
    defaults,
    secrets: [options.apiKey, options.workspaceId, ...postbackSecrets(options.postback)],
  };
}

// --- postback options -------------------------------------------------------------------------------

function postbackSecrets(postback: ZixflowPostbackOptions | undefined): string[] {
  const secret = postback?.secret;
  return secret === undefined ? [] : typeof secret === 'string' ? [secret] : [...secret];
}

/** Shape checks for `postback`; messages name options, never secret values. */
function postbackProblems(postback: ZixflowPostbackOptions | undefined): string[] {
  if (postback === undefined) return [];
  if (postback === null || typeof postback !== 'object') return ['postback must be an object'];
  const problems: string[] = [];
  const { secret } = postback;
  if (secret !== undefined) {
    const list: unknown[] = Array.isArray(secret) ? secret : [secret];
    if (
      list.length === 0 ||
      list.some((s) => typeof s !== 'string' || s.length < POSTBACK_SECRET_MIN_LENGTH)
    ) {
      problems.push(
        `postback.secret must be a string (or a non-empty array of strings, the first signing) of at least ${POSTBACK_SECRET_MIN_LENGTH} characters (env ZIXFLOW_POSTBACK_SECRET)`,
      );
    }
  }
  if (postback.publicUrl !== undefined && secret === undefined) {
    problems.push(
      'postback.publicUrl needs postback.secret to sign the URL it hands to Zixflow (env ZIXFLOW_POSTBACK_SECRET)',
    );
  }
  if (postback.path !== undefined && (typeof postback.path !== 'string' || postback.path.trim() === '')) {
    problems.push('postback.path must be a non-empty string');
  }
  for (const key of ['verify', 'ackAfterListeners', 'fastPaths', 'detectRawBody'] as const) {
    if (postback[key] !== undefined && typeof postback[key] !== 'boolean')
      problems.push(`postback.${key} must be a boolean`);
  }
  if (postback.maxBodyBytes !== undefined && !isPositiveInt(postback.maxBodyBytes)) {
    problems.push('postback.maxBodyBytes must be a positive integer');
  }
  if (postback.tokenMaxAgeMs !== undefined && !isPositiveInt(postback.tokenMaxAgeMs)) {
    problems.push(
      'postback.tokenMaxAgeMs must be a positive integer (env ZIXFLOW_POSTBACK_TOKEN_MAX_AGE_MS)',
    );
  }
  const dedup = postback.dedup ?? {};
  for (const key of ['maxEntries', 'ttlMs'] as const) {
    if (dedup[key] !== undefined && !isPositiveInt(dedup[key]))
      problems.push(`postback.dedup.${key} must be a positive integer`);
  }
  const store = dedup.store as Partial<PostbackDedupStore> | undefined;
  if (store !== undefined && (typeof store?.markIfNew !== 'function' || typeof store.forget !== 'function')) {
    problems.push('postback.dedup.store must implement markIfNew(key, ttlMs) and forget(key)');
  }
  return problems;
}
