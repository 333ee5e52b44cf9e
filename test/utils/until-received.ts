import type { ZixflowSimulator } from '../../lib/testing';
import { until } from './until';

/**
 * Resolves once `simulator` has received `count` requests since its last reset: the moment a send is on the
 * wire, whatever the load on the machine (a fixed delay may fire before or after it).
 */
export function untilReceived(simulator: ZixflowSimulator, count: number): Promise<void> {
  return until(() => simulator.requests.length >= count, 5);
}
