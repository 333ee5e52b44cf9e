import type { PostbackScenario } from './postback-scenario.interface';
import type { RecordedRequest } from './recorded-request.interface';

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
  /** Called once per request when its exchange is over (answered or dropped). Errors it throws are ignored. */
  onRequest?: (request: RecordedRequest) => void;
}
