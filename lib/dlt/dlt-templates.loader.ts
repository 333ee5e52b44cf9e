import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ZixflowConfigError } from '../errors';
import type { DltTemplate } from '../interfaces/zixflow-dlt-options.interface';
import { ZIXFLOW_DLT_TEMPLATES_ENV } from './dlt.constants';
import { dltTemplateProblems } from './dlt-template.validator';

/**
 * Templates from a JSON array held in `ZIXFLOW_DLT_TEMPLATES`; none when the variable is unset or blank.
 * Throws `ZixflowConfigError` on malformed JSON or templates.
 */
export function loadDltTemplatesFromEnv(env: Readonly<Record<string, string | undefined>>): DltTemplate[] {
  const json = env[ZIXFLOW_DLT_TEMPLATES_ENV];
  if (json === undefined || json.trim() === '') return [];
  return parseDltTemplatesJson(json, ZIXFLOW_DLT_TEMPLATES_ENV);
}

/** Templates from a JSON file holding an array; a relative path is taken from the process' working directory. */
export function loadDltTemplatesFromFile(path: string): DltTemplate[] {
  const label = `dlt.templatesFile "${path}"`;
  let json: string;
  try {
    json = readFileSync(resolve(path), 'utf8');
  } catch (err: unknown) {
    // Not `instanceof Error`: fs errors can come from another realm (jest, vm).
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unreadable';
    throw new ZixflowConfigError([`${label} cannot be read (${code})`]);
  }
  return parseDltTemplatesJson(json, label);
}

/** Parses and checks a JSON array of templates; `source` names where it came from in error messages. */
export function parseDltTemplatesJson(json: string, source: string): DltTemplate[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err: unknown) {
    const detail =
      typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : 'parse error';
    throw new ZixflowConfigError([`${source} is not valid JSON (${detail})`]);
  }
  if (!Array.isArray(parsed))
    throw new ZixflowConfigError([`${source} must hold a JSON array of DLT templates`]);
  const problems = parsed.flatMap((raw: unknown, i) => dltTemplateProblems(raw, `${source}[${i}]`));
  if (problems.length > 0) throw new ZixflowConfigError(problems);
  return parsed as DltTemplate[];
}
