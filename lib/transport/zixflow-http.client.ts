import { setMaxListeners } from 'node:events';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import {
  isAxiosError,
  type AxiosRequestConfig,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { firstValueFrom, isObservable } from 'rxjs';
import {
  API_KEY_HEADER,
  WORKSPACE_HEADER,
  ZIXFLOW_HTTP_SERVICE,
  ZIXFLOW_RESOLVED_OPTIONS,
  ZIXFLOW_TRANSPORT,
} from '../zixflow.constants';
import type { ZixflowResolvedOptions } from '../interfaces/zixflow-resolved-options.interface';
import type { ZixflowRetryOptions } from '../interfaces/zixflow-retry-options.interface';
import type { ZixflowRequestInfo } from '../errors/zixflow-http.error';
import { ZixflowShuttingDownError } from '../errors/zixflow-shutting-down.error';
import { ZixflowError } from '../errors/zixflow.error';
import { ZixflowAbortedError } from '../errors/zixflow-aborted.error';
import { ZixflowInternalError } from '../errors/zixflow-internal.error';
import { redactSecrets } from '../utils/redact';
import { mapAxiosError } from './axios-error.mapper';
import { parseApiResponse, type ApiSuccessBody } from './api-response.parser';
import { executeWithRetry, resolveRetryOptions, type ResolvedRetryOptions } from './retry.policy';
import { RequestLimiter } from './request.limiter';
import type { ZixflowTransport } from './zixflow-transport.interface';
import { parseJsonLosslessly } from './lossless-json.transform';
import { DirectDispatch } from './direct-dispatch';
import { isModuleHttpService } from './zixflow-transport.factory';
import { nothingRunsAfterAdapter } from './axios-internals.fence';
import { markRequestSent, wasRequestSent } from './request-sent';

const path = (config: AxiosRequestConfig): string => config.url ?? '';

/** A request interceptor's or transformRequest's own error: thrown before the adapter ran. */
function markUnmarkedAsNotSent(error: unknown): never {
  if (!isAxiosError(error) && wasRequestSent(error) === undefined) markRequestSent(error, false);
  throw error;
}

export interface ZixflowRequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: ZixflowRetryOptions;
  params?: Record<string, string>;
  /** Parse the response keeping every number as its exact text (for 64-bit ids). */
  lossless?: boolean;
  /** Told of each failed attempt that will be retried (telemetry: a span event and a count). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * The one place requests to Zixflow go through: auth headers (on the axios instance), timeouts,
 * client-side limits, the retry policy, typed errors, and draining on shutdown.
 */
@Injectable()
export class ZixflowHttpClient implements OnModuleDestroy, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ZixflowHttpClient');
  private readonly retry: ResolvedRetryOptions;
  private readonly limiter: RequestLimiter;
  /** Requests started and not yet settled (a counter: shutdown only needs "how many" and "when none"). */
  private inFlight = 0;
  /** What beforeApplicationShutdown waits on (shared by repeated calls), and its resolver for `settled`. */
  private drain: Promise<'drained'> | undefined;
  private onDrained: (() => void) | undefined;
  /** One bound callback for every request, instead of a closure (and a Set entry) per request. */
  private readonly settled = (): void => {
    if (--this.inFlight === 0 && this.onDrained !== undefined) {
      const drained = this.onDrained;
      this.onDrained = undefined;
      drained();
    }
  };
  /** The fast path for JSON POSTs (undici transport only); see DirectDispatch for when it applies. */
  private readonly direct: DirectDispatch | undefined;
  /** For the sanitized cause of a ZixflowInternalError. */
  private readonly redact = (text: string): string => redactSecrets(text, this.options.secrets);
  /** False when ZIXFLOW_HTTP_SERVICE was overridden (a test's mock): requests then go through its post()/request(). */
  private readonly ownHttp: boolean;
  private closing = false;
  /** Fires when the shutdown deadline passes: ends retry waits, refuses further attempts. */
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(ZIXFLOW_HTTP_SERVICE) private readonly http: HttpService,
    @Inject(ZIXFLOW_RESOLVED_OPTIONS) private readonly options: ZixflowResolvedOptions,
    @Inject(ZIXFLOW_TRANSPORT) private readonly transport: ZixflowTransport,
  ) {
    // Every send waiting out a backoff listens to it: past 10 at once Node would warn of a leak that is not one.
    setMaxListeners(0, this.shutdown.signal);
    this.retry = resolveRetryOptions(options.retry);
    this.limiter = new RequestLimiter(options.limits ?? {});
    this.ownHttp = isModuleHttpService(http);
    this.direct =
      this.ownHttp && options.fastPaths?.directDispatch !== false
        ? DirectDispatch.create(http.axiosRef, transport)
        : undefined;
  }

  /** True once the application started closing; new requests are refused. */
  get isClosing(): boolean {
    return this.closing;
  }

  post(path: string, body: unknown, opts: ZixflowRequestOptions = {}): Promise<ApiSuccessBody> {
    return this.track({ method: 'POST', url: path, data: body }, opts);
  }

  get(path: string, opts: ZixflowRequestOptions = {}): Promise<ApiSuccessBody> {
    const config: AxiosRequestConfig = { method: 'GET', url: path, params: opts.params };
    if (opts.lossless) {
      config.responseType = 'text';
      config.transformResponse = [parseJsonLosslessly];
    }
    return this.track(config, opts);
  }

  private track(config: AxiosRequestConfig, opts: ZixflowRequestOptions): Promise<ApiSuccessBody> {
    if (this.closing) return Promise.reject(new ZixflowShuttingDownError());
    const promise = this.execute(config, opts);
    this.inFlight++;
    promise.then(this.settled, this.settled);
    return promise;
  }

  private execute(config: AxiosRequestConfig, opts: ZixflowRequestOptions): Promise<ApiSuccessBody> {
    const retry = opts.retry ? resolveRetryOptions(this.options.retry, opts.retry) : this.retry;
    const timeoutMs = opts.timeoutMs ?? this.options.timeoutMs;
    const method = (config.method ?? 'GET').toUpperCase();
    const path = config.url ?? '';
    const signal = opts.signal;
    // No limits configured: call attempt() directly rather than through the pass-through wrapper.
    const run = this.limiter.isPassThrough
      ? (attempt: number) => this.attempt(config, { method, path, attempts: attempt }, timeoutMs, signal)
      : (attempt: number) =>
          this.limiter.run(
            () => this.attempt(config, { method, path, attempts: attempt }, timeoutMs, signal),
            signal,
          );
    return executeWithRetry(run, retry, opts.signal, {
      stop: this.shutdown.signal,
      onRetry: (error, attempt, delayMs) => {
        this.logger.warn(
          `${method} ${path} attempt ${attempt} failed (${error instanceof ZixflowError ? error.code : 'error'}); retrying in ${delayMs} ms`,
        );
        opts.onRetry?.(error, attempt, delayMs);
      },
    });
  }

  private async attempt(
    config: AxiosRequestConfig,
    request: ZixflowRequestInfo,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<ApiSuccessBody> {
    // axios rejects an already-aborted signal before the adapter runs, so nothing marks it as not sent.
    if (signal?.aborted) throw new ZixflowAbortedError('not_sent');
    if (this.shutdown.signal.aborted) throw new ZixflowShuttingDownError();
    let pending: Promise<AxiosResponse>;
    try {
      pending = this.dispatch(config, timeoutMs, signal);
    } catch (error) {
      // Thrown before anything was handed to a transport (our code, or a mock's post() itself).
      throw new ZixflowInternalError(error, 'not_sent', this.redact);
    }
    let response: AxiosResponse;
    try {
      response = await pending;
    } catch (error) {
      throw mapAxiosError(error, request, this.options.secrets, timeoutMs, signal);
    }
    return parseApiResponse(response.data, response.status, this.options.secrets, request);
  }

  /** Hands the request to the fast path, to axios, or to an overriding HttpService. */
  private dispatch(
    config: AxiosRequestConfig,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<AxiosResponse> {
    if (!this.ownHttp) return this.viaOverride(config, timeoutMs, signal);
    // Skips axios' pipeline only while that changes nothing (no interceptors, ...): same bytes, same errors.
    if (this.direct !== undefined && config.method === 'POST' && this.direct.accepts(config.data)) {
      return this.direct.post(path(config), config.data as object, timeoutMs, signal);
    }
    const pending = this.http.axiosRef.request({ ...config, timeout: timeoutMs, signal });
    return this.beforeAdapterIsProvable() ? pending.catch(markUnmarkedAsNotSent) : pending;
  }

  /**
   * Whether an error that is not an AxiosError provably came from before the adapter: the undici pool takes
   * this request (its rejections are all marked or AxiosErrors) and nothing runs after it (see the fence).
   */
  private beforeAdapterIsProvable(): boolean {
    const instance = this.http.axiosRef;
    return (
      typeof this.transport.canDispatch === 'function' &&
      this.transport.canDispatch(instance.defaults as unknown as Partial<InternalAxiosRequestConfig>) &&
      nothingRunsAfterAdapter(instance)
    );
  }

  /**
   * ZIXFLOW_HTTP_SERVICE was replaced (`overrideProvider(ZIXFLOW_HTTP_SERVICE)`): call it as @nestjs/axios'
   * HttpService contract says, `post(url, data, config)` / `get(url, config)` / `request(config)` returning an
   * Observable (a Promise is accepted too), with the base URL and auth headers in the config.
   */
  private viaOverride(
    config: AxiosRequestConfig,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<AxiosResponse> {
    const http = this.http as Partial<Record<'post' | 'get' | 'request', (...args: unknown[]) => unknown>>;
    const { method, url, data, ...rest } = config;
    const perRequest: AxiosRequestConfig = {
      ...rest,
      baseURL: this.options.baseUrl,
      timeout: timeoutMs,
      signal,
      headers: {
        ...this.options.http?.headers,
        'content-type': 'application/json',
        accept: 'application/json',
        [API_KEY_HEADER]: this.options.apiKey,
        [WORKSPACE_HEADER]: this.options.workspaceId,
      },
    };
    let result: unknown;
    if (method === 'POST' && typeof http.post === 'function') result = http.post(url, data, perRequest);
    else if (method === 'GET' && typeof http.get === 'function') result = http.get(url, perRequest);
    else if (typeof http.request === 'function') result = http.request({ ...perRequest, method, url, data });
    else {
      throw new TypeError(
        `ZIXFLOW_HTTP_SERVICE has no ${method === 'POST' ? 'post' : 'get'}() nor request() method`,
      );
    }
    if (isObservable(result)) return firstValueFrom(result) as Promise<AxiosResponse>;
    if (result !== null && typeof (result as { then?: unknown })?.then === 'function') {
      return Promise.resolve(result as PromiseLike<AxiosResponse>);
    }
    throw new TypeError('ZIXFLOW_HTTP_SERVICE returned neither an Observable nor a Promise');
  }

  /**
   * The first shutdown hook Nest calls on this module (before any beforeApplicationShutdown): new requests are
   * refused from here on, whatever the app's own onModuleDestroy hooks still do.
   */
  onModuleDestroy(): void {
    this.closing = true;
  }

  /**
   * Refuses new requests and lets in-flight ones finish, up to `shutdownTimeoutMs`; past that, aborts them
   * (their outcome is reported as known: usually `unknown`) so app.close() ends in bounded time.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.inFlight === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.shutdownTimeoutMs);
    });
    // No new request starts once closing, so "the counter reached 0" is "every in-flight one settled".
    this.drain ??= new Promise<'drained'>((resolve) => {
      this.onDrained = () => resolve('drained');
    });
    const result = await Promise.race([this.drain, deadline]);
    clearTimeout(timer);
    if (result === 'timeout') {
      this.logger.warn(
        `${this.inFlight} Zixflow request(s) still in flight after ${this.options.shutdownTimeoutMs} ms; aborting them`,
      );
      this.shutdown.abort();
      await this.transport.destroy();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    // Already destroyed at the deadline: closing a destroyed pool would only reject.
    if (!this.shutdown.signal.aborted) await this.transport.close();
  }
}
