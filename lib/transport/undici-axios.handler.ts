import {
  AxiosError,
  AxiosHeaders,
  CanceledError,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import type { Dispatcher } from 'undici';
import { markRequestSent } from './request-sent';
import { axiosTimeoutError } from './axios-timeout.error';
import { pickTransferHeaders, rawHeadersToRecord, type ResponseHeaderRecord } from './raw-headers';
import { DECODED_TOO_LARGE, decodeResponseBody, toResponseData } from './response-body.decoder';

/** What `response.request` / `error.request` holds: enough for `if (err.request)` checks, no headers. */
export interface UndiciRequestDescriptor {
  readonly adapter: 'undici';
  readonly method: string;
  readonly origin: string;
  readonly path: string;
}

type Settle = {
  resolve: (response: AxiosResponse) => void;
  reject: (error: unknown) => void;
};

/**
 * undici calls `onRequestSent` once the whole request (headers and body) was handed to the socket,
 * but the typings only list the newer hooks. We stay on the legacy callbacks on purpose: undici's
 * adapter for the new controller API does not forward onRequestSent.
 */
interface LegacyDispatchHandler extends Dispatcher.DispatchHandler {
  onRequestSent(): void;
}

/**
 * One axios request in flight on undici. Tracks how far the request got so every rejection can say
 * whether it was provably not sent: no `onConnect` means no socket was ever given the request.
 */
export class UndiciAxiosHandler implements LegacyDispatchHandler {
  private abortRequest: ((reason?: Error) => void) | undefined;
  private requestWritten = false;
  private responseStarted = false;
  private settled = false;
  private failure: Error | undefined;
  private status = 0;
  private statusText = '';
  private headers: ResponseHeaderRecord = {};
  /** Set while `headers` holds only the transfer headers (plainHeaders 2xx); the full set is built on demand. */
  private rawHeaders: readonly Buffer[] | undefined;
  private chunks: Buffer[] = [];
  private received = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly maxContentLength: number;
  private readonly onCancel = (): void => {
    this.fail(new CanceledError(undefined, this.config, this.descriptor));
  };

  /**
   * `plainHeaders`: leave `response.headers` a plain lower-cased record instead of building AxiosHeaders
   * (for ZixflowHttpClient's fast path, which never hands the response to axios or to user code).
   */
  constructor(
    private readonly config: InternalAxiosRequestConfig,
    private readonly descriptor: UndiciRequestDescriptor,
    private readonly settle: Settle,
    private readonly plainHeaders = false,
  ) {
    this.maxContentLength = config.maxContentLength ?? -1;
  }

  /** Arms the timeout and cancellation; false when already cancelled (then it has rejected). */
  start(): boolean {
    const { signal, cancelToken, timeout } = this.config;
    if (signal?.aborted || cancelToken?.reason) {
      this.onCancel();
      return false;
    }
    signal?.addEventListener?.('abort', this.onCancel);
    cancelToken?.subscribe(this.onCancel);
    if (timeout && timeout > 0)
      this.timer = setTimeout(() => this.fail(axiosTimeoutError(this.config, this.descriptor)), timeout);
    return true;
  }

  /** Whether the server may have the request: it was written, or it already answered. */
  private get mayHaveBeenSent(): boolean {
    return this.requestWritten || this.responseStarted;
  }

  onConnect(abort: (reason?: Error) => void): void {
    // Cancelled or timed out while queued or connecting: abort before undici writes a byte.
    if (this.settled) {
      abort(this.failure);
      return;
    }
    this.abortRequest = abort;
  }

  onRequestSent(): void {
    this.requestWritten = true;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], _resume: () => void, statusText: string): boolean {
    if (statusCode < 200) return true; // 1xx informational; the real answer follows
    this.responseStarted = true;
    this.status = statusCode;
    this.statusText = statusText;
    // The fast path only reads the body's transfer headers of a 2xx; anything else (429 Retry-After, error
    // mapping, axios' AxiosHeaders) gets every header. A 2xx failing validateStatus rebuilds them in finish().
    if (this.plainHeaders && statusCode < 300) {
      this.headers = pickTransferHeaders(rawHeaders);
      this.rawHeaders = rawHeaders;
    } else {
      this.headers = rawHeadersToRecord(rawHeaders);
    }
    const declared = Number(this.headers['content-length']);
    if (this.maxContentLength > -1 && Number.isFinite(declared) && declared > this.maxContentLength) {
      this.fail(this.tooLargeError());
      return false;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.received += chunk.length;
    if (this.maxContentLength > -1 && this.received > this.maxContentLength) {
      this.fail(this.tooLargeError());
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.received);
    this.chunks = [];
    const method = this.descriptor.method;
    const needsDecoding = this.config.decompress !== false && this.headers['content-encoding'] !== undefined;
    if (!needsDecoding) {
      this.finish(body);
      return;
    }
    decodeResponseBody(body, this.allHeaders(), {
      decompress: true,
      maxContentLength: this.maxContentLength,
      bodyless: method === 'HEAD' || this.status === 204,
    }).then(
      (decoded) => this.finish(decoded),
      (error: unknown) => this.fail(this.decodeError(error)),
    );
  }

  onError(error: Error): void {
    this.fail(AxiosError.from(error, undefined, this.config, this.descriptor));
  }

  /** Every response header, converting the raw ones now if onHeaders kept only the transfer headers. */
  private allHeaders(): ResponseHeaderRecord {
    if (this.rawHeaders !== undefined) {
      this.headers = rawHeadersToRecord(this.rawHeaders);
      this.rawHeaders = undefined;
    }
    return this.headers;
  }

  private finish(body: Buffer): void {
    if (this.settled) return;
    const data = toResponseData(body, this.config.responseType, this.config.responseEncoding);
    const validateStatus = this.config.validateStatus;
    if (!this.status || !validateStatus || validateStatus(this.status)) {
      const response: AxiosResponse = {
        data,
        status: this.status,
        statusText: this.statusText,
        headers: this.plainHeaders ? this.headers : new AxiosHeaders(this.headers),
        config: this.config,
        request: this.descriptor,
      };
      this.settled = true;
      this.cleanup();
      this.settle.resolve(response);
      return;
    }
    // An error response is handed to the error mapper (and may surface): it carries every header.
    const response: AxiosResponse = {
      data,
      status: this.status,
      statusText: this.statusText,
      headers: this.plainHeaders ? this.allHeaders() : new AxiosHeaders(this.headers),
      config: this.config,
      request: this.descriptor,
    };
    // Same error axios' settle() builds, so interceptors and callers see no difference.
    const code =
      this.status >= 400 && this.status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE;
    this.fail(
      new AxiosError(
        `Request failed with status code ${this.status}`,
        code,
        this.config,
        this.descriptor,
        response,
      ),
    );
  }

  /** Rejects once, with the sent/not-sent marker, and tells undici to drop the request if it still runs. */
  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.failure = error;
    this.cleanup();
    this.settle.reject(markRequestSent(error, this.mayHaveBeenSent));
    // undici reports our own abort back through onError; `settled` makes that a no-op.
    this.abortRequest?.(error);
  }

  private cleanup(): void {
    if (this.timer) clearTimeout(this.timer);
    this.config.signal?.removeEventListener?.('abort', this.onCancel);
    this.config.cancelToken?.unsubscribe(this.onCancel);
  }

  private tooLargeError(): AxiosError {
    return new AxiosError(
      `maxContentLength size of ${this.maxContentLength} exceeded`,
      AxiosError.ERR_BAD_RESPONSE,
      this.config,
      this.descriptor,
    );
  }

  private decodeError(error: unknown): AxiosError {
    if ((error as { code?: unknown } | null)?.code === DECODED_TOO_LARGE) return this.tooLargeError();
    return AxiosError.from(error, AxiosError.ERR_BAD_RESPONSE, this.config, this.descriptor);
  }
}
