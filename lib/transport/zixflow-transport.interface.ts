import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { UndiciRequestSpec } from './axios-request.builder';

/** The adapter the module's axios instance uses, and how to release its connections. */
export interface ZixflowTransport {
  adapter: AxiosAdapter | 'http';
  /** Lets in-flight requests finish, then releases the connections. */
  close(): Promise<void>;
  /** Aborts in-flight requests and releases the connections at once (shutdown deadline passed). */
  destroy(): Promise<void>;
  /** undici transport only: see UndiciAdapter. Lets ZixflowHttpClient skip axios' pipeline (fast path). */
  canDispatch?(config: Partial<InternalAxiosRequestConfig>): boolean;
  dispatch?(
    spec: UndiciRequestSpec,
    config: InternalAxiosRequestConfig,
    plainHeaders?: boolean,
  ): Promise<AxiosResponse>;
}
