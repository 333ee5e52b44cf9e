import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { API_KEY_HEADER, WORKSPACE_HEADER } from '../zixflow.constants';
import type { ZixflowResolvedOptions } from '../interfaces/zixflow-resolved-options.interface';
import { createUndiciAdapter } from './undici.adapter';
import { createAxiosHttpAdapter } from './axios-http.adapter';
import type { ZixflowTransport } from './zixflow-transport.interface';

/** HttpServices built by createZixflowHttpService: anything else under ZIXFLOW_HTTP_SERVICE is an override. */
const moduleBuilt = new WeakSet<object>();

/** True for the HttpService this module built; false for one put in its place (e.g. a test's override). */
export function isModuleHttpService(http: unknown): http is HttpService {
  return typeof http === 'object' && http !== null && moduleBuilt.has(http);
}

/** Keep-alive undici pool by default; axios' own Node adapter when asked for (or when a proxy/agent is set). */
export function createZixflowTransport(options: ZixflowResolvedOptions): ZixflowTransport {
  if (options.http?.adapter === 'http') return createAxiosHttpAdapter();
  return createUndiciAdapter({
    connections: options.http?.connections ?? 64,
    connectTimeoutMs: options.connectTimeoutMs,
  });
}

/**
 * The module's own axios instance wrapped in @nestjs/axios' HttpService. It is separate from any HttpModule
 * the app registers, so our auth headers never reach other hosts and the app's interceptors never see our key.
 * Only the documented `http` keys reach axios (see ZixflowHttpOptions).
 */
export function createZixflowHttpService(
  options: ZixflowResolvedOptions,
  transport: ZixflowTransport,
): HttpService {
  const { proxy, httpAgent, httpsAgent, headers } = options.http ?? {};
  const instance = axios.create({
    ...(proxy !== undefined ? { proxy } : {}),
    ...(httpAgent !== undefined ? { httpAgent } : {}),
    ...(httpsAgent !== undefined ? { httpsAgent } : {}),
    // The undici pool never follows redirects; axios' adapter would (re-sending a POST on 307/308).
    maxRedirects: 0,
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    adapter: transport.adapter,
    headers: {
      ...headers,
      'content-type': 'application/json',
      accept: 'application/json',
      [API_KEY_HEADER]: options.apiKey,
      [WORKSPACE_HEADER]: options.workspaceId,
    },
  });
  const service = new HttpService(instance);
  moduleBuilt.add(service);
  return service;
}
