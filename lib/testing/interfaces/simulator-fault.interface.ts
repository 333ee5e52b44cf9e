/** Answer with this HTTP status and `{ success: false, message }`, without queuing anything. */
export interface SimulatorStatusFault {
  kind: 'status';
  status: number;
  /** Sent as the `Retry-After` header when set (e.g. `'2'` with a 429). */
  retryAfter?: string;
  /** Error message in the body. Default: a generic text for the status. */
  message?: string;
}

/** Wait this long before handling the request normally (a client timeout fires before any response byte). */
export interface SimulatorDelayFault {
  kind: 'delay';
  ms: number;
}

/**
 * Handle the request normally, but after writing the status line, headers and part of the body, wait `ms`
 * before finishing the body (a client timeout fires after the response started).
 */
export interface SimulatorStallAfterHeadersFault {
  kind: 'stall-after-headers';
  ms: number;
}

/** Destroy the connection as soon as the request head arrives, without reading the body. Nothing is queued. */
export interface SimulatorResetBeforeBodyFault {
  kind: 'reset-before-body';
}

/**
 * Read and process the whole request (a valid send IS queued: request id, state and postbacks are created),
 * then destroy the connection without answering. The client cannot tell whether the SMS went out.
 */
export interface SimulatorResetAfterBodyFault {
  kind: 'reset-after-body';
}

/** Answer 200 with a body that is not JSON, without queuing anything. */
export interface SimulatorMalformedFault {
  kind: 'malformed';
}

/** Answer 200 with `{ success: false, message }`, without queuing anything. */
export interface SimulatorSuccessFalseFault {
  kind: 'success-false';
  message?: string;
}

/**
 * A failure the simulator applies to one upcoming request to the send, template-send or delivery-report
 * endpoint. See `ZixflowSimulator.failNext`.
 */
export type SimulatorFault =
  | SimulatorStatusFault
  | SimulatorDelayFault
  | SimulatorStallAfterHeadersFault
  | SimulatorResetBeforeBodyFault
  | SimulatorResetAfterBodyFault
  | SimulatorMalformedFault
  | SimulatorSuccessFalseFault;

/** The `kind` discriminator of every fault the simulator knows. */
export type SimulatorFaultKind = SimulatorFault['kind'];
