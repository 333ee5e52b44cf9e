/**
 * How the simulator retries a postback your app answered with a 5xx, as Zixflow retries its webhooks (there
 * after 15 s, 40 s, 3 min, 10 min, 1 h, ... up to 48 h). Each retry is recorded as its own postback attempt.
 */
export interface SimulatorPostbackRetry {
  /**
   * Wait before each retry, in ms: one retry per entry. Default `[50, 100, 200]` (three retries, doubling),
   * short enough for tests; `[]` retries nothing.
   */
  delaysMs?: readonly number[];
}
