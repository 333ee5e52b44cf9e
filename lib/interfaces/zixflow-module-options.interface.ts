import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { AxiosProxyConfig } from 'axios';
import type { SmsRoute } from '../sms/sms-route.enum';
import type { ZixflowPostbackOptions } from './zixflow-postback-options.interface';
import type { ZixflowRetryOptions } from './zixflow-retry-options.interface';
import type { ZixflowDltOptions } from './zixflow-dlt-options.interface';
import type { ZixflowStore } from '../store/zixflow-store.interface';

/** Values filled into every send that does not give its own. */
export interface ZixflowSendDefaults {
  senderId?: string;
  route?: SmsRoute | `${SmsRoute}`;
  dltEntityId?: string;
}

/**
 * HTTP settings of the module's own axios instance (it is not an `HttpModule`: nothing else is passed to
 * axios). Requests go through a keep-alive undici pool, unless one of these switches them to axios' own Node
 * adapter (Node's `http`/`https` modules), which is the one that honours them:
 * `adapter: 'http'`; a `proxy`; an `httpAgent` or `httpsAgent`; or, with `proxy` unset, a proxy environment
 * variable (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, their lower-case forms, `npm_config_*proxy`).
 * Redirects are never followed on either transport (a POST must not be re-sent elsewhere): a 3xx rejects
 * with ZixflowApiError.
 */
export interface ZixflowHttpOptions {
  /** `undici` (default) uses a keep-alive undici pool; `http` uses axios' own Node adapter. */
  adapter?: 'undici' | 'http';
  /** Maximum sockets kept open to Zixflow by the undici pool. Default 64. */
  connections?: number;
  /** Extra headers sent on every request (the auth headers cannot be overridden). */
  headers?: Record<string, string>;
  /**
   * axios' `proxy` option, passed as is. Setting it switches to axios' Node adapter; `false` also ignores
   * the proxy environment variables (and so keeps the undici pool).
   */
  proxy?: AxiosProxyConfig | false;
  /** Passed to axios as is; switches to axios' Node adapter (for `http:` base URLs). */
  httpAgent?: HttpAgent;
  /** Passed to axios as is; switches to axios' Node adapter (for `https:` base URLs). */
  httpsAgent?: HttpsAgent;
}

/**
 * Internal shortcuts that measured at least 10% on their own path (README, Performance). All are on by
 * default, are held to the plain code by differential tests, and can be turned off here (e.g. to rule them
 * out when chasing a bug); results are the same either way, only slower.
 */
export interface ZixflowFastPathOptions {
  /**
   * JSON POSTs skip axios' per-request pipeline while the module's axios instance has no interceptor
   * (undici transport only). Default true. `false`: every request goes through `axiosRef.request`, with the
   * same wire bytes, results and errors.
   */
  directDispatch?: boolean;
  /**
   * class-validator's rules for the send DTOs are resolved once and called directly; any doubt runs
   * `validateSync`. Default true. `false`: every send runs `validateSync`, with the same verdicts and errors.
   */
  precompiledValidation?: boolean;
  /**
   * A postback body in Zixflow's documented layout is read by a pattern, skipping the depth check and
   * lossless-json. Default true. `false`: every body goes through lossless-json, with the same event or the
   * same refusal.
   */
  postbackLayout?: boolean;
  /**
   * A postback token already verified for the same recipient skips its HMAC-SHA256 check. Default true.
   * `false`: every postback's token is checked by HMAC, admitting and refusing the same postbacks.
   */
  postbackTokenCache?: boolean;
}

/** Client-side limits on sends (`limits` option); retries go through them too. */
export interface ZixflowClientLimits {
  /** Client-side cap on requests per second (token bucket). Off by default. */
  ratePerSecond?: number;
  /** Client-side cap on requests in flight. Off by default. */
  maxConcurrency?: number;
}

/** How recipients are read (`recipients` option). */
export interface ZixflowRecipientOptions {
  /**
   * Normalize recipients with libphonenumber-js using this ISO country (e.g. `IN`) for national numbers.
   * Off when unset: recipients must then already be digits only (country code + number).
   */
  defaultCountry?: string;
}

/** Options of `ZixflowModule.forRoot()` (or the result of a `forRootAsync()` factory); checked at boot. */
export interface ZixflowModuleOptions {
  /** Zixflow API key (`x-api-key`). Required. Never logged. */
  apiKey: string;
  /** Zixflow workspace id (`x-workspace-id`). Required. */
  workspaceId: string;
  /** Default `https://api-ai.zixflow.com`. */
  baseUrl?: string;
  /** Total time allowed for one HTTP attempt, in ms. Default 10 000. */
  timeoutMs?: number;
  /** Time allowed to open a connection, in ms (undici adapter). Default 5 000. */
  connectTimeoutMs?: number;
  defaults?: ZixflowSendDefaults;
  http?: ZixflowHttpOptions;
  retry?: ZixflowRetryOptions;
  limits?: ZixflowClientLimits;
  /** How long `app.close()` waits for in-flight sends, in ms. Default 10 000. */
  shutdownTimeoutMs?: number;
  postback?: ZixflowPostbackOptions;
  dlt?: ZixflowDltOptions;
  /** Reject messages longer than this many SMS parts before sending. Off when unset. */
  maxSegments?: number;
  recipients?: ZixflowRecipientOptions;
  /**
   * Where postback de-duplication, latest statuses, sends of unknown outcome and the fan-out of status
   * updates live. Default: an `InMemoryZixflowStore` (this process only). Several replicas share one
   * `RedisZixflowStore` (`nestjs-zixflow/redis`). Closed by the module at application shutdown.
   */
  store?: ZixflowStore;
  /** Turn off the measured fast paths of the send and postback paths; see ZixflowFastPathOptions. */
  fastPaths?: ZixflowFastPathOptions;
}
