import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { UndiciRequestSpec } from './axios-request.builder';

/** Counters of the undici connection pool (undici's PoolStats), summed over the origins it connected to. */
export interface TransportPoolStats {
  /** Open sockets. */
  connected: number;
  /** Open sockets with no request on them. */
  free: number;
  /** Requests waiting for a socket. */
  pending: number;
  /** Requests queued on a client. */
  queued: number;
  /** Requests in progress. */
  running: number;
  /** Requests pending, queued or running. */
  size: number;
}

/** The adapter the module's axios instance uses, and how to release its connections. */
export interface ZixflowTransport {
  adapter: AxiosAdapter | 'http';
  /** undici transport only: its pool's counters (the health check reports them). */
  poolStats?(): TransportPoolStats;
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
