import { ZixflowConfigError } from '../../errors/zixflow-config.error';
import { POSTBACK_TOKEN_QUERY_PARAM, POSTBACK_URL_MAX_LENGTH } from '../postback.constants';

/**
 * `publicUrl` with `zxf_token=<token>` appended to its query. Existing parameters are kept byte for byte
 * (appended as text rather than rebuilt through URLSearchParams, which would re-encode them).
 * Throws ZixflowConfigError when `publicUrl` is not an absolute http(s) URL without a fragment, already
 * carries the token parameter, or the result is over 450 characters (Zixflow caps webhook URLs at 500).
 */
export function buildPostbackUrl(publicUrl: string, token: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new ZixflowConfigError(['postback publicUrl must be an absolute URL']);
  }
  const problems: string[] = [];
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    problems.push('postback publicUrl must be http(s)');
  // Zixflow would not send a fragment, so anything after it would never reach us.
  if (url.hash !== '' || publicUrl.includes('#'))
    problems.push('postback publicUrl must not contain a fragment');
  if (url.searchParams.has(POSTBACK_TOKEN_QUERY_PARAM)) {
    problems.push(`postback publicUrl must not already carry ${POSTBACK_TOKEN_QUERY_PARAM}`);
  }
  if (problems.length > 0) throw new ZixflowConfigError(problems);

  const href = url.href;
  const separator = url.search === '' ? (href.endsWith('?') ? '' : '?') : href.endsWith('&') ? '' : '&';
  const result = `${href}${separator}${POSTBACK_TOKEN_QUERY_PARAM}=${encodeURIComponent(token)}`;
  if (result.length > POSTBACK_URL_MAX_LENGTH) {
    throw new ZixflowConfigError([
      `postback URL is ${result.length} characters with its token; keep it within ${POSTBACK_URL_MAX_LENGTH} (Zixflow allows 500)`,
    ]);
  }
  return result;
}

/**
 * The token from a request URL: an absolute URL, or path and query as in Express `req.originalUrl` or
 * Fastify `req.url`. Undefined when the parameter is absent; the first one when it is repeated.
 */
export function extractPostbackToken(url: string | undefined): string | undefined {
  if (typeof url !== 'string') return undefined;
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return undefined;
  const hash = url.indexOf('#', queryStart);
  const query = url.slice(queryStart + 1, hash < 0 ? undefined : hash);
  return new URLSearchParams(query).get(POSTBACK_TOKEN_QUERY_PARAM) ?? undefined;
}
