import axios, {
  AxiosError,
  CanceledError,
  isCancel,
  type AxiosInstance,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { buildUndiciRequest, type UndiciRequestSpec } from './axios-request.builder';
import {
  DEFAULT_TRANSFORM_REQUEST,
  DEFAULT_TRANSFORM_RESPONSE,
  axiosInternalsAsExpected,
  hasInterceptors,
  isDefaultTransform,
} from './axios-internals.fence';
import { markRequestSent } from './request-sent';
import type { ZixflowTransport } from './zixflow-transport.interface';

type Dispatchable = Required<Pick<ZixflowTransport, 'canDispatch' | 'dispatch'>> & ZixflowTransport;
type Fn = (...args: never[]) => unknown;
type RequestTemplate = Omit<UndiciRequestSpec, 'body'>;

/** Thrown by the probe adapter so axios stops right after building the request; never leaves this file. */
const PROBED = Symbol('nestjs-zixflow.probed');

/** A body axios' transformRequest would JSON.stringify and nothing else: a plain object or an array. */
function isPlainJsonBody(body: unknown): body is object {
  if (body === null || typeof body !== 'object') return false;
  if (Array.isArray(body)) return true;
  const proto = Object.getPrototypeOf(body) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  // axios would take these for a stream or a File/Blob.
  return typeof (body as { pipe?: unknown }).pipe !== 'function' && !(Symbol.toStringTag in body);
}

/** What a request's headers were built from; a change to any of it means building them again. */
interface HeaderSources {
  headers: unknown;
  flat: Array<[Record<string, unknown>, string[], unknown[]]>;
  baseURL: unknown;
  auth: unknown;
  allowAbsoluteUrls: unknown;
}

function snapshotLevel(obj: unknown): [Record<string, unknown>, string[], unknown[]] | undefined {
  if (obj === null || typeof obj !== 'object') return undefined;
  const record = obj as Record<string, unknown>;
  const keys = Object.keys(record);
  return [record, keys, keys.map((k) => record[k])];
}

function levelUnchanged([obj, keys, values]: [Record<string, unknown>, string[], unknown[]]): boolean {
  let count = 0;
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
    if (keys[count] !== key || obj[key] !== values[count]) return false;
    count++;
  }
  return count === keys.length;
}

/**
 * The fast path of ZixflowHttpClient for JSON POSTs: straight to the undici adapter's pool, skipping
 * axios' per-request pipeline (mergeConfig, AxiosHeaders, interceptor chain, transforms), which costs
 * more CPU than the HTTP exchange itself. It is only taken while it provably changes nothing:
 *  - the axios instance has no request or response interceptor (checked on every request), still uses
 *    the undici adapter, axios' default transforms, no `params`, `cancelToken` or `responseType`, and
 *    nothing undici cannot honour (proxy, agents, ...: the adapter's own rule);
 *  - the URL and headers are the ones axios builds: obtained by running axios itself once with a probe
 *    adapter, and again whenever `defaults.headers` (or baseURL/auth) change;
 *  - the request goes through the same handler as the adapter (timeout, abort, size limits, decoding,
 *    validateStatus, REQUEST_SENT marking), the response data is parsed as axios' transformResponse
 *    does, and an abort noticed after the answer rejects with CanceledError as axios does.
 * Errors are the same AxiosErrors the axios path produces, for the same mapper.
 */
export class DirectDispatch {
  private readonly templates = new Map<string, RequestTemplate>();
  private sources: HeaderSources | undefined;

  constructor(
    private readonly instance: AxiosInstance,
    private readonly transport: Dispatchable,
  ) {}

  /**
   * A DirectDispatch when the transport can dispatch itself (undici) and axios still has the shape the
   * fence reads; else undefined (every request then goes through axios).
   */
  static create(instance: AxiosInstance, transport: ZixflowTransport): DirectDispatch | undefined {
    if (typeof transport.dispatch !== 'function' || typeof transport.canDispatch !== 'function')
      return undefined;
    if (!axiosInternalsAsExpected()) return undefined;
    return new DirectDispatch(instance, transport as Dispatchable);
  }

  /** True when a POST of `body` may skip axios right now (see the class comment). */
  accepts(body: unknown): boolean {
    const { instance } = this;
    const defaults = instance.defaults;
    return (
      isPlainJsonBody(body) &&
      !hasInterceptors(instance.interceptors?.request) &&
      !hasInterceptors(instance.interceptors?.response) &&
      defaults.adapter === this.transport.adapter &&
      !defaults.responseType &&
      defaults.params === undefined &&
      defaults.cancelToken === undefined &&
      isDefaultTransform(defaults.transformRequest, DEFAULT_TRANSFORM_REQUEST) &&
      isDefaultTransform(defaults.transformResponse, DEFAULT_TRANSFORM_RESPONSE) &&
      this.transport.canDispatch(defaults as unknown as Partial<InternalAxiosRequestConfig>)
    );
  }

  /** POSTs `body` as JSON; resolves with the response (data parsed) like `axiosRef.request` would. */
  async post(
    path: string,
    body: object,
    timeout: number,
    signal: AbortSignal | undefined,
  ): Promise<AxiosResponse> {
    let template: RequestTemplate;
    let config: InternalAxiosRequestConfig;
    let data: Buffer;
    try {
      this.refresh();
      // Awaited only on a path's first POST: an await of nothing still costs the hot path microtask turns.
      template = this.templates.get(path) ?? (await this.probe(path));
      config = this.requestConfig(path, timeout, signal);
      // axios' transformRequest does exactly this for a plain object.
      data = Buffer.from(JSON.stringify(body), 'utf8');
      const maxBodyLength = config.maxBodyLength ?? -1;
      if (maxBodyLength > -1 && data.length > maxBodyLength) {
        throw new AxiosError(
          'Request body larger than maxBodyLength limit',
          AxiosError.ERR_BAD_REQUEST,
          config,
        );
      }
    } catch (error) {
      // Nothing was handed to the pool yet, whatever failed (a body JSON.stringify refuses, a bug).
      throw markRequestSent(error, false);
    }
    let response: AxiosResponse;
    try {
      // Plain response headers: only parseApiResponse and mapAxiosError read this response.
      // An explicit literal (one fixed shape) is cheaper per request than spreading the template.
      const spec: UndiciRequestSpec = {
        origin: template.origin,
        path: template.path,
        method: template.method,
        headers: template.headers,
        body: data,
      };
      response = await this.transport.dispatch(spec, config, true);
    } catch (error) {
      // As axios' dispatchRequest: an abort seen now wins, else the error response's data is parsed.
      if (!isCancel(error)) {
        if (signal?.aborted) throw new CanceledError(undefined, config);
        const failed = (error as { response?: AxiosResponse } | null)?.response;
        if (failed) failed.data = parseLikeAxios(failed.data, config);
      }
      throw error;
    }
    if (signal?.aborted) throw new CanceledError(undefined, config);
    response.data = parseLikeAxios(response.data, config);
    return response;
  }

  /** The config the adapter's handler reads (timeouts, limits, validateStatus, ...), from the defaults. */
  private requestConfig(
    path: string,
    timeout: number,
    signal: AbortSignal | undefined,
  ): InternalAxiosRequestConfig {
    const defaults = this.instance.defaults;
    return {
      method: 'post',
      url: path,
      baseURL: defaults.baseURL,
      timeout,
      signal,
      validateStatus: defaults.validateStatus,
      maxContentLength: defaults.maxContentLength,
      maxBodyLength: defaults.maxBodyLength,
      decompress: defaults.decompress,
      transitional: defaults.transitional,
      timeoutErrorMessage: defaults.timeoutErrorMessage,
      responseEncoding: defaults.responseEncoding,
      parseReviver: (defaults as { parseReviver?: Fn }).parseReviver,
    } as InternalAxiosRequestConfig;
  }

  /** Origin, path, method and headers of a POST to `path`, as axios itself builds them. */
  private async probe(path: string): Promise<RequestTemplate> {
    let captured: InternalAxiosRequestConfig | undefined;
    await this.instance
      .request({
        method: 'post',
        url: path,
        data: {},
        adapter: (config) => {
          captured = config;
          return Promise.reject(PROBED);
        },
      })
      .catch((error: unknown) => {
        if (error !== PROBED) throw error;
      });
    if (!captured) throw new Error('nestjs-zixflow: axios did not build the request');
    const spec = buildUndiciRequest(captured);
    if (!spec) throw new Error('nestjs-zixflow: request cannot go through undici');
    const template = { origin: spec.origin, path: spec.path, method: spec.method, headers: spec.headers };
    this.templates.set(path, template);
    return template;
  }

  /** Drops the built templates when anything they were built from changed since (cheap when nothing did). */
  private refresh(): void {
    const defaults = this.instance.defaults;
    const sources = this.sources;
    if (
      sources !== undefined &&
      sources.headers === defaults.headers &&
      sources.baseURL === defaults.baseURL &&
      sources.auth === defaults.auth &&
      sources.allowAbsoluteUrls === defaults.allowAbsoluteUrls &&
      // A bucket added since (headers.post created) shows up as a new key of the top level.
      sources.flat.every(levelUnchanged)
    ) {
      return;
    }
    const headers = defaults.headers as unknown as Record<string, unknown> | undefined;
    const flat = [headers, headers?.common, headers?.post]
      .map(snapshotLevel)
      .filter((level): level is NonNullable<typeof level> => level !== undefined);
    this.sources = {
      headers: defaults.headers,
      flat,
      baseURL: defaults.baseURL,
      auth: defaults.auth,
      allowAbsoluteUrls: defaults.allowAbsoluteUrls,
    };
    this.templates.clear();
  }
}

/** axios' default transformResponse for responseType unset: JSON.parse a non-empty string, silently. */
function parseLikeAxios(data: unknown, config: InternalAxiosRequestConfig): unknown {
  const transitional = config.transitional ?? axios.defaults.transitional;
  if (data && typeof data === 'string' && transitional?.forcedJSONParsing) {
    const reviver = (config as { parseReviver?: Fn }).parseReviver as Parameters<typeof JSON.parse>[1];
    try {
      // Without a reviver V8 takes its fast path; passing `undefined` explicitly means the same thing.
      return reviver === undefined ? JSON.parse(data) : JSON.parse(data, reviver);
    } catch {
      // silentJSONParsing: axios hands back the text; parseApiResponse then reports a non-JSON body.
    }
  }
  return data;
}
