import axios, { AxiosError, type InternalAxiosRequestConfig } from 'axios';
import type { IncomingHttpHeaders } from 'node:http';

/** What undici needs to send one request. */
export interface UndiciRequestSpec {
  origin: string;
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer | null;
}

/** Same rule as axios' isAbsoluteURL: `scheme://` or protocol-relative `//`. */
const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i;
const USER_AGENT = `axios/${axios.VERSION}`;

/**
 * baseURL + url (+ params), as axios' buildFullPath/buildURL would. Without params we join by hand:
 * `axios.getUri` merges the global defaults on every call (~25 µs), a fifth of a request's budget.
 */
export function buildRequestUrl(config: InternalAxiosRequestConfig): string {
  const url = config.url ?? '';
  const base = config.baseURL;
  let full = url;
  if (base && (!ABSOLUTE_URL.test(url) || config.allowAbsoluteUrls === false)) {
    full = url ? `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}` : base;
  }
  if (config.params === undefined || config.params === null) return full;
  return axios.getUri({ url: full, params: config.params, paramsSerializer: config.paramsSerializer });
}

/** Bodies the fast path sends; anything else (streams, FormData, Blob) goes to axios' http adapter. */
export function toBodyBuffer(data: unknown): Buffer | null | undefined {
  if (data === undefined || data === null) return null;
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Plain header object for undici from axios' AxiosHeaders. Content-Length is dropped because undici
 * computes it from the body (a stale one would make undici refuse the request).
 */
function toPlainHeaders(config: InternalAxiosRequestConfig, url: URL): IncomingHttpHeaders {
  const source = config.headers?.toJSON() ?? {};
  const out: IncomingHttpHeaders = {};
  let hasUserAgent = false;
  let hasAuthorization = false;
  for (const name of Object.keys(source)) {
    const value = source[name];
    if (value === undefined || value === null) continue;
    const lower = name.toLowerCase();
    if (lower === 'content-length') continue;
    if (lower === 'user-agent') hasUserAgent = true;
    if (lower === 'authorization') hasAuthorization = true;
    out[lower] = Array.isArray(value) ? value.map(String) : String(value);
  }
  if (!hasUserAgent) out['user-agent'] = USER_AGENT;
  if (config.auth) {
    // axios' http adapter lets `auth` win over an Authorization header.
    out.authorization = basicAuth(config.auth.username ?? '', config.auth.password ?? '');
  } else if (!hasAuthorization && (url.username || url.password)) {
    out.authorization = basicAuth(safeDecode(url.username), safeDecode(url.password));
  }
  return out;
}

/**
 * Builds the undici request, or returns `undefined` when only axios' http adapter can honour the config
 * (non-http(s) URL such as `data:`, or a body that is not a string/Buffer/ArrayBuffer).
 * Throws an AxiosError for configs axios itself would refuse; nothing has been sent then.
 */
export function buildUndiciRequest(config: InternalAxiosRequestConfig): UndiciRequestSpec | undefined {
  let url: URL;
  try {
    url = new URL(buildRequestUrl(config));
  } catch (error) {
    if (error instanceof AxiosError) throw error;
    throw AxiosError.from(error, AxiosError.ERR_INVALID_URL, config);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;

  const body = toBodyBuffer(config.data);
  if (body === undefined) return undefined;
  const maxBodyLength = config.maxBodyLength ?? -1;
  if (body && maxBodyLength > -1 && body.length > maxBodyLength) {
    throw new AxiosError('Request body larger than maxBodyLength limit', AxiosError.ERR_BAD_REQUEST, config);
  }

  return {
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    method: (config.method ?? 'get').toUpperCase(),
    headers: toPlainHeaders(config, url),
    body,
  };
}
