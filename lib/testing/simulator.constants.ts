/** API key the simulator accepts when none is configured. */
export const DEFAULT_SIMULATOR_API_KEY = 'test-api-key';
/** Workspace id the simulator accepts when none is configured. */
export const DEFAULT_SIMULATOR_WORKSPACE_ID = 'test-workspace';
/** Loopback only by default: a test double should not be reachable from the network. */
export const DEFAULT_SIMULATOR_HOST = '127.0.0.1';
/** Port the CLI listens on when `--port` is not given (the class itself defaults to a random port). */
export const DEFAULT_SIMULATOR_CLI_PORT = 4010;
/** Docs' example message id; generated ids start right above it, well beyond 2^53. */
export const FIRST_SIMULATED_MESSAGE_ID = 604132581490819100n;
/** Larger request bodies answer 413; a send body is a few KB at most. */
export const SIMULATOR_MAX_BODY_BYTES = 1024 * 1024;
/** A postback receiver that does not answer within this is recorded as failed. */
export const SIMULATOR_POSTBACK_TIMEOUT_MS = 5000;
/** Default wait of `flushPostbacks()`. */
export const SIMULATOR_FLUSH_TIMEOUT_MS = 5000;
