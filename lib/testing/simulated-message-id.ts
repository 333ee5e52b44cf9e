import { FIRST_SIMULATED_MESSAGE_ID } from './simulator.constants';

// Module-wide so ids stay unique across simulator instances and reset(): a shared dedup store in a
// user's test suite must never see the same id twice.
let lastMessageId = FIRST_SIMULATED_MESSAGE_ID;

/** Next Zixflow-like 64-bit message id, as a digit string (BigInt arithmetic: exact above 2^53). */
export function nextSimulatedMessageId(): string {
  lastMessageId += 1n;
  return lastMessageId.toString();
}
