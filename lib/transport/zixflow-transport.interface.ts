import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { UndiciRequestSpec } from './axios-request.builder';

/** The adapter the module's axios instance uses, and how to release its connections. */
export interface ZixflowTransport {
  adapter: AxiosAdapter | 'http';
  close(): Promise<void>;
  /** undici transport only: see UndiciAdapter. Lets ZixflowHttpClient skip axios' pipeline (fast path). */
  canDispatch?(config: Partial<InternalAxiosRequestConfig>): boolean;
  dispatch?(spec: UndiciRequestSpec, config: InternalAxiosRequestConfig, plainHeaders?: boolean): Promise<AxiosResponse>;
}
