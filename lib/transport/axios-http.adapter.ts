import http from 'node:http';
import https from 'node:https';
import axios, {
  AxiosError,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { classifyNodeError, markRequestSent, wasRequestSent } from './request-sent';
import { axiosTimeoutError } from './axios-timeout.error';

/** Node's code for a stream that ended before its end: the response body was cut after the headers. */
const PREMATURE_CLOSE = 'ERR_STREAM_PREMATURE_CLOSE';
/** Our code for a request aborted because the transport was destroyed (shutdown deadline). */
export const TRANSPORT_DESTROYED = 'ERR_ZIXFLOW_TRANSPORT_DESTROYED';

export interface AxiosHttpAdapter {
  adapter: AxiosAdapter;
  /** Waits for in-flight requests, then closes the sockets of the module's own agents. */
  close(): Promise<void>;
  /** Aborts in-flight requests (their sockets are destroyed with them) and the module's own agents' sockets. */
  destroy(): Promise<void>;
}

/** One request in flight: how to end it early. */
interface InFlight {
  fail(error: Error): void;
}

/**
 * axios' own Node adapter, with what ZixflowHttpClient relies on and that adapter lacks:
 *  - `timeout` bounds the whole exchange by the clock, as on undici (axios' own timer is a socket idle timer,
 *    and after the response headers it surfaces as a response error, not a timeout);
 *  - a body cut after the headers is a network error, not an HTTP status error;
 *  - `destroy()` aborts every request in flight, and requests without an agent of the user's run on the
 *    module's own keep-alive agents, which close() and destroy() release (never Node's global agent).
 * Errors are marked with REQUEST_SENT only when provable (see request-sent.ts).
 */
export function createAxiosHttpAdapter(): AxiosHttpAdapter {
  const httpAdapter = axios.getAdapter('http');
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  const inFlight = new Set<InFlight>();
  let drained: (() => void) | undefined;

  const adapter: AxiosAdapter = (config) =>
    new Promise<AxiosResponse>((resolve, reject) => {
      const controller = new AbortController();
      const userSignal = config.signal as AbortSignal | undefined;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const onUserAbort = (): void => controller.abort();
      const finish = (): void => {
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        userSignal?.removeEventListener?.('abort', onUserAbort);
        inFlight.delete(entry);
        if (inFlight.size === 0) drained?.();
      };
      const entry: InFlight = {
        fail(error) {
          if (settled) return;
          finish();
          reject(error);
          // Ends the request and its socket; the adapter's own rejection then finds us settled.
          controller.abort();
        },
      };
      inFlight.add(entry);
      if (userSignal?.aborted) controller.abort();
      else userSignal?.addEventListener?.('abort', onUserAbort);
      const timeout = Number(config.timeout);
      // Unmarked: axios' adapter gives no write-progress signal, so whether it was sent is unknown.
      if (timeout > 0) timer = setTimeout(() => entry.fail(axiosTimeoutError(config)), timeout);

      const own: InternalAxiosRequestConfig = {
        ...config,
        signal: controller.signal,
        httpAgent: config.httpAgent ?? httpAgent,
        httpsAgent: config.httpsAgent ?? httpsAgent,
      };
      Promise.resolve()
        .then(() => httpAdapter(own))
        .then(
          (response) => {
            if (settled) return;
            finish();
            resolve(response);
          },
          (error: unknown) => {
            if (settled) return;
            finish();
            reject(classify(error, config));
          },
        );
    });

  return {
    adapter,
    close: async () => {
      if (inFlight.size > 0) await new Promise<void>((resolve) => (drained = resolve));
      httpAgent.destroy();
      httpsAgent.destroy();
    },
    destroy: async () => {
      for (const request of [...inFlight]) {
        request.fail(
          markRequestSent(
            new AxiosError('The Zixflow transport was destroyed at shutdown', TRANSPORT_DESTROYED),
            true,
          ),
        );
      }
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/**
 * A rejection carrying a response whose status passes validateStatus is not an HTTP error: the body was cut
 * after the headers. It becomes a network error (sent: the server answered), as undici reports it.
 */
function classify(error: unknown, config: InternalAxiosRequestConfig): unknown {
  const response = (error as { response?: AxiosResponse } | null)?.response;
  const validate = config.validateStatus;
  if (error instanceof AxiosError && response && (!validate || validate(response.status))) {
    const cut = new AxiosError(error.message, PREMATURE_CLOSE, config, error.request);
    return markRequestSent(cut, true);
  }
  if (wasRequestSent(error) === undefined) {
    const sent = classifyNodeError(error);
    if (sent !== undefined) markRequestSent(error, sent);
  }
  return error;
}
