import { STATUS_CODES } from 'node:http';
import type { SimulatorFault } from './interfaces/simulator-fault.interface';
import { failure, json, type PlannedResponse } from './planned-response';

const FAULT_KINDS: readonly string[] = [
  'status',
  'delay',
  'stall-after-headers',
  'reset-before-body',
  'reset-after-body',
  'malformed',
  'success-false',
];

function checkFault(fault: SimulatorFault): void {
  if (!FAULT_KINDS.includes(fault.kind)) {
    throw new TypeError(`Unknown simulator fault kind ${JSON.stringify(fault.kind)}`);
  }
  if (
    fault.kind === 'status' &&
    (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599)
  ) {
    throw new RangeError(`Fault status must be an HTTP status (100-599), got ${fault.status}`);
  }
  if ((fault.kind === 'delay' || fault.kind === 'stall-after-headers') && !(fault.ms >= 0)) {
    throw new RangeError(`Fault ms must be >= 0, got ${fault.ms}`);
  }
}

/** Faults queued by `failNext()`, consumed first in, first out, one per request to a known endpoint. */
export class SimulatorFaultPlan {
  private queue: SimulatorFault[] = [];

  /** @throws TypeError / RangeError for an unknown kind, a bad status or delay, or a non-positive `times`. */
  add(fault: SimulatorFault, times: number): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`times must be a positive integer, got ${times}`);
    }
    checkFault(fault);
    for (let i = 0; i < times; i++) {
      this.queue.push({ ...fault });
    }
  }

  take(): SimulatorFault | undefined {
    return this.queue.shift();
  }

  get pending(): SimulatorFault[] {
    return [...this.queue];
  }

  clear(): void {
    this.queue = [];
  }
}

/** The answer a fault writes instead of the real one; undefined when the request goes on to be handled. */
export function faultAnswer(fault: SimulatorFault | undefined): PlannedResponse | undefined {
  switch (fault?.kind) {
    case 'status': {
      const headers = fault.retryAfter === undefined ? undefined : { 'retry-after': fault.retryAfter };
      return failure(
        fault.status,
        fault.message ?? STATUS_CODES[fault.status] ?? 'Simulated failure',
        headers,
      );
    }
    case 'success-false':
      return json(200, { success: false, message: fault.message ?? 'Request could not be processed' });
    case 'malformed':
      return { status: 200, body: '{"success":true,"message":"SMS request queued' };
    default:
      return undefined;
  }
}
