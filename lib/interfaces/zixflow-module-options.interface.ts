import type { AxiosRequestConfig } from 'axios';
import type { SmsRoute } from '../sms/sms-route.enum';
import type { ZixflowPostbackOptions } from './zixflow-postback-options.interface';
import type { ZixflowRetryOptions } from './zixflow-retry-options.interface';
import type { ZixflowDltOptions } from './zixflow-dlt-options.interface';

/** Values filled into every send that does not give its own. */
export interface ZixflowSendDefaults {
  senderId?: string;
  route?: SmsRoute | `${SmsRoute}`;
  dltEntityId?: string;
}

/** HTTP settings; anything axios accepts besides these is passed through to the HttpModule. */
export interface ZixflowHttpOptions extends Pick<
  AxiosRequestConfig,
  'proxy' | 'httpAgent' | 'httpsAgent' | 'maxRedirects'
> {
  /** `undici` (default) uses a keep-alive undici pool; `http` uses axios' own Node adapter. */
  adapter?: 'undici' | 'http';
  /** Maximum sockets kept open to Zixflow by the undici adapter. Default 64. */
  connections?: number;
  /** Extra headers sent on every request (the auth headers cannot be overridden). */
  headers?: Record<string, string>;
}

export interface ZixflowClientLimits {
  /** Client-side cap on requests per second (token bucket). Off by default. */
  ratePerSecond?: number;
  /** Client-side cap on requests in flight. Off by default. */
  maxConcurrency?: number;
}

export interface ZixflowRecipientOptions {
  /**
   * Normalize recipients with libphonenumber-js using this ISO country (e.g. `IN`) for national numbers.
   * Off when unset: recipients must then already be digits only (country code + number).
   */
  defaultCountry?: string;
}

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
}
