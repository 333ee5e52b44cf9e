/** Options of one `ZixflowHealthIndicator.isHealthy` call. */
export interface ZixflowHealthCheckOptions {
  /**
   * Also prove the credentials: one GET of the delivery report of a request id that never exists
   * (`zixflow-health-check`), answered 404 when the key is accepted and 401/403 when it is refused (then the
   * check is down). Never sends an SMS. Default false: only what this instance already knows is reported.
   */
  active?: boolean;
  /**
   * How long the result of the active check is reused, in ms, so that a probe every second makes one request
   * every `activeCacheMs` at most; checks made meanwhile share the request in flight. 0 makes a request per
   * check. Default 30 000.
   */
  activeCacheMs?: number;
  /**
   * Time allowed to the store read and to the active check's request (one attempt, no retry), in ms; longer
   * is down with `TIMEOUT`. Default 3 000.
   */
  timeoutMs?: number;
  /**
   * The named instance to check (`ZixflowModule.forRoot({ name })`). Default: the unnamed instance. Its
   * details are its own: its pool, its sends, its store.
   */
  workspace?: string;
}
