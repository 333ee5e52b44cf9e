import { setTimeout as sleep } from 'node:timers/promises';
import type { ZixflowSimulator } from '../../lib/testing';

/**
 * Resolves once `simulator` has received `count` requests since its last reset: the moment a send is on the
 * wire, whatever the load on the machine (a fixed delay may fire before or after it).
 */
export async function untilReceived(simulator: ZixflowSimulator, count: number): Promise<void> {
  while (simulator.requests.length < count) await sleep(5);
}
