import { extractPostbackToken } from '../auth/postback-url.util';
import { POSTBACK_TOKEN_QUERY_PARAM } from '../postback.constants';

/** What the token is read from: the adapter's request, as Express and Fastify hand it to a guard. */
export interface PostbackTokenCarrier {
  /** The query as the adapter already parsed it (Express' query parser, Fastify's querystring parser). */
  query?: unknown;
  /** Express: the URL before any router rewrote it (query included). */
  originalUrl?: string;
  /** Fastify: path and query. */
  url?: string;
}

/**
 * The postback token of a request: the query's parameter as the adapter already parsed it (the first one
 * when it is repeated), so the URL is not parsed a second time; from the URL itself when the adapter has
 * no parsed query or holds no text there (a query parser turned off, or one that nests `zxf_token[a]`).
 * A parser that reads the parameter differently can only hand over a token that then fails its HMAC check.
 */
export function postbackRequestToken(request: PostbackTokenCarrier): string | undefined {
  const query = request.query;
  if (typeof query === 'object' && query !== null) {
    const value: unknown = (query as Record<string, unknown>)[POSTBACK_TOKEN_QUERY_PARAM];
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return extractPostbackToken(request.originalUrl ?? request.url);
}
