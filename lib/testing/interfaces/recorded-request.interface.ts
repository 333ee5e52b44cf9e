/** What the simulator answered. */
export interface RecordedResponse {
  /** HTTP status written on the wire. */
  status: number;
  /**
   * When the simulator wrote the status line (after any latency or delay fault). With `receivedAt`, this
   * orders what clients did against what they were told, e.g. sends arriving after a 429 was answered.
   */
  answeredAt: Date;
}

/**
 * One HTTP request as the simulator received it, faults and rejected requests included. `TBody` is the type of
 * `body`: `unknown` for any request, the documented send body for the accepted sends of `simulator.sends`.
 */
export interface RecordedRequest<TBody = unknown> {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters (first value wins when a name repeats). */
  query: Record<string, string>;
  /** Request headers, names lowercased, repeated headers joined with `, `. Includes the API key as sent. */
  headers: Record<string, string>;
  /** Body exactly as received (UTF-8). Empty when the body was never read. */
  rawBody: string;
  /** `rawBody` parsed as JSON, or `undefined` when absent or not JSON. */
  body: TBody;
  /** When the request head arrived (before its body was read). */
  receivedAt: Date;
  /** `undefined` while in flight and when the connection was dropped without an answer. */
  response: RecordedResponse | undefined;
  /** Set when this request queued a message (also when the answer was then dropped by a fault). */
  requestId?: string;
}
