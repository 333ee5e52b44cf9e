import { ZixflowConfigError } from '../errors/zixflow-config.error';
import type { ZixflowModuleOptions } from '../interfaces/zixflow-module-options.interface';
import type { SmsRoute } from '../sms/sms-route.enum';
import { loadDltTemplatesFromEnv } from '../dlt/dlt-templates.loader';
import { ZIXFLOW_DLT_TEMPLATES_ENV } from '../dlt/dlt.constants';
import { zixflowOptionProblems } from './resolve-zixflow-options';

type Env = Record<string, string | undefined>;

/** Option path -> the variable it is read from, so a problem names the variable the operator must fix. */
const SOURCES = {
  apiKey: 'ZIXFLOW_API_KEY',
  workspaceId: 'ZIXFLOW_WORKSPACE_ID',
  baseUrl: 'ZIXFLOW_BASE_URL',
  timeoutMs: 'ZIXFLOW_TIMEOUT_MS',
  'defaults.senderId': 'ZIXFLOW_SENDER_ID',
  'defaults.route': 'ZIXFLOW_ROUTE',
  'defaults.dltEntityId': 'ZIXFLOW_DLT_ENTITY_ID',
  'postback.publicUrl': 'ZIXFLOW_POSTBACK_URL',
  'postback.secret': 'ZIXFLOW_POSTBACK_SECRET',
} as const;

function intFrom(env: Env, name: string, problems: string[]): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) {
    problems.push(`${name} must be a whole number of milliseconds`);
    return undefined;
  }
  return Number(raw.trim());
}

/**
 * Reads module options from environment variables and checks them all at once: one ZixflowConfigError lists
 * every problem, each naming its variable. `ZixflowModule` checks the merged result again at boot.
 */
export function loadZixflowOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): ZixflowModuleOptions {
  const problems: string[] = [];
  const timeoutMs = intFrom(env, SOURCES.timeoutMs, problems);
  const tokenMaxAgeMs = intFrom(env, 'ZIXFLOW_POSTBACK_TOKEN_MAX_AGE_MS', problems);
  const options = { apiKey: env.ZIXFLOW_API_KEY?.trim(), workspaceId: env.ZIXFLOW_WORKSPACE_ID?.trim() };
  const result = options as ZixflowModuleOptions;
  if (env.ZIXFLOW_BASE_URL) result.baseUrl = env.ZIXFLOW_BASE_URL.trim();
  if (timeoutMs !== undefined) result.timeoutMs = timeoutMs;
  const defaults: NonNullable<ZixflowModuleOptions['defaults']> = {};
  if (env.ZIXFLOW_SENDER_ID) defaults.senderId = env.ZIXFLOW_SENDER_ID.trim();
  if (env.ZIXFLOW_ROUTE) defaults.route = env.ZIXFLOW_ROUTE.trim() as SmsRoute;
  if (env.ZIXFLOW_DLT_ENTITY_ID) defaults.dltEntityId = env.ZIXFLOW_DLT_ENTITY_ID.trim();
  if (Object.keys(defaults).length > 0) result.defaults = defaults;
  const postback = postbackFromEnv(env, tokenMaxAgeMs);
  if (postback !== undefined) result.postback = postback;
  const dlt = dltFromEnv(env, problems);
  if (dlt !== undefined) result.dlt = dlt;
  if (env.ZIXFLOW_DEFAULT_COUNTRY?.trim())
    result.recipients = { defaultCountry: env.ZIXFLOW_DEFAULT_COUNTRY.trim() };

  problems.unshift(...zixflowOptionProblems(result, SOURCES));
  if (problems.length > 0) throw new ZixflowConfigError(problems);
  return result;
}

/** ZIXFLOW_DLT_TEMPLATES (a JSON array) and ZIXFLOW_DLT_TEMPLATES_FILE (a JSON file path) -> dlt. */
function dltFromEnv(env: Env, problems: string[]): NonNullable<ZixflowModuleOptions['dlt']> | undefined {
  const dlt: NonNullable<ZixflowModuleOptions['dlt']> = {};
  try {
    const templates = loadDltTemplatesFromEnv(env);
    if (templates.length > 0) dlt.templates = templates;
  } catch (error) {
    if (!(error instanceof ZixflowConfigError)) throw error;
    // Its problems already name ZIXFLOW_DLT_TEMPLATES; reported with every other problem.
    problems.push(
      ...error.problems.map((p) =>
        p.includes(ZIXFLOW_DLT_TEMPLATES_ENV) ? p : `${ZIXFLOW_DLT_TEMPLATES_ENV}: ${p}`,
      ),
    );
  }
  if (env.ZIXFLOW_DLT_TEMPLATES_FILE?.trim()) dlt.templatesFile = env.ZIXFLOW_DLT_TEMPLATES_FILE.trim();
  return Object.keys(dlt).length > 0 ? dlt : undefined;
}

/**
 * ZIXFLOW_POSTBACK_URL -> postback.publicUrl; ZIXFLOW_POSTBACK_SECRET -> postback.secret, a comma-separated
 * list for rotation (the first signs, all verify).
 */
function postbackFromEnv(
  env: Env,
  tokenMaxAgeMs: number | undefined,
): NonNullable<ZixflowModuleOptions['postback']> | undefined {
  const postback: NonNullable<ZixflowModuleOptions['postback']> = {};
  if (tokenMaxAgeMs !== undefined) postback.tokenMaxAgeMs = tokenMaxAgeMs;
  const publicUrl = env.ZIXFLOW_POSTBACK_URL?.trim();
  if (publicUrl) postback.publicUrl = publicUrl;
  const secrets = (env.ZIXFLOW_POSTBACK_SECRET ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret !== '');
  if (secrets.length > 0) postback.secret = secrets;
  return Object.keys(postback).length > 0 ? postback : undefined;
}
