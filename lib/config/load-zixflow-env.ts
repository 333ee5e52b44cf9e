import { ZixflowConfigError } from '../errors/zixflow-config.error';
import type { ZixflowModuleOptions } from '../interfaces/zixflow-module-options.interface';
import type { SmsRoute } from '../sms/sms-route.enum';
import { loadDltTemplatesFromEnv } from '../dlt/dlt-templates.loader';

type Env = Record<string, string | undefined>;

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
 * Reads module options from environment variables. Only presence and shape are checked here;
 * `ZixflowModule` checks the merged result again at boot.
 */
export function loadZixflowOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): ZixflowModuleOptions {
  const problems: string[] = [];
  const apiKey = env.ZIXFLOW_API_KEY?.trim();
  const workspaceId = env.ZIXFLOW_WORKSPACE_ID?.trim();
  if (!apiKey) problems.push('ZIXFLOW_API_KEY is not set');
  if (!workspaceId) problems.push('ZIXFLOW_WORKSPACE_ID is not set');
  const timeoutMs = intFrom(env, 'ZIXFLOW_TIMEOUT_MS', problems);
  const tokenMaxAgeMs = intFrom(env, 'ZIXFLOW_POSTBACK_TOKEN_MAX_AGE_MS', problems);
  if (problems.length > 0) throw new ZixflowConfigError(problems);

  const options: ZixflowModuleOptions = { apiKey: apiKey as string, workspaceId: workspaceId as string };
  if (env.ZIXFLOW_BASE_URL) options.baseUrl = env.ZIXFLOW_BASE_URL.trim();
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  const defaults: NonNullable<ZixflowModuleOptions['defaults']> = {};
  if (env.ZIXFLOW_SENDER_ID) defaults.senderId = env.ZIXFLOW_SENDER_ID.trim();
  if (env.ZIXFLOW_ROUTE) defaults.route = env.ZIXFLOW_ROUTE.trim() as SmsRoute;
  if (env.ZIXFLOW_DLT_ENTITY_ID) defaults.dltEntityId = env.ZIXFLOW_DLT_ENTITY_ID.trim();
  if (Object.keys(defaults).length > 0) options.defaults = defaults;
  const postback = postbackFromEnv(env, tokenMaxAgeMs);
  if (postback !== undefined) options.postback = postback;
  const dlt = dltFromEnv(env);
  if (dlt !== undefined) options.dlt = dlt;
  if (env.ZIXFLOW_DEFAULT_COUNTRY?.trim())
    options.recipients = { defaultCountry: env.ZIXFLOW_DEFAULT_COUNTRY.trim() };
  return options;
}

/** ZIXFLOW_DLT_TEMPLATES (a JSON array) and ZIXFLOW_DLT_TEMPLATES_FILE (a JSON file path) -> dlt. */
function dltFromEnv(env: Env): NonNullable<ZixflowModuleOptions['dlt']> | undefined {
  const dlt: NonNullable<ZixflowModuleOptions['dlt']> = {};
  const templates = loadDltTemplatesFromEnv(env);
  if (templates.length > 0) dlt.templates = templates;
  if (env.ZIXFLOW_DLT_TEMPLATES_FILE?.trim()) dlt.templatesFile = env.ZIXFLOW_DLT_TEMPLATES_FILE.trim();
  return Object.keys(dlt).length > 0 ? dlt : undefined;
}

/**
 * ZIXFLOW_POSTBACK_URL -> postback.publicUrl; ZIXFLOW_POSTBACK_SECRET -> postback.secret, a comma-separated
 * list for rotation (the first signs, all verify); ZIXFLOW_POSTBACK_TOKEN_MAX_AGE_MS -> postback.tokenMaxAgeMs.
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
