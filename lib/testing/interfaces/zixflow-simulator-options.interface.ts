import type { PostbackScenario } from './postback-scenario.interface';
import type { RecordedRequest } from './recorded-request.interface';
import type { SimulatorPostbackRetry } from './simulator-postback-retry.interface';

/** Options of `new ZixflowSimulator(options)`. */
export interface ZixflowSimulatorOptions {
  /** Value the `x-api-key` header must carry. Default `'test-api-key'`. */
  apiKey?: string;
  /** Value the `x-workspace-id` header must carry; also the postbacks' `workspace_id`. Default `'test-workspace'`. */
  workspaceId?: string;
  /** Interface to listen on. Default `'127.0.0.1'`. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Postback scenario for recipients without a specific one. Default `{ statuses: ['delivered'] }`. */
  postbacks?: PostbackScenario;
  /**
   * Retries of a postback your app answered with a 5xx, as Zixflow does. Default three retries after 50, 100
   * and 200 ms; `false` sends each postback once whatever the answer. Hand-made `sendPostback` calls are never
   * retried.
   */
  postbackRetry?: SimulatorPostbackRetry | false;
  /** Called once per request when its exchange is over (answered or dropped). Errors it throws are ignored. */
  onRequest?: (request: RecordedRequest) => void;
}
