import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Resolves once `condition` holds, checked every `everyMs`: waits on what happened, not on a fixed delay that a
 * busy machine may outlast. No upper bound of its own (the test's timeout is one).
 */
export async function until(condition: () => boolean | Promise<boolean>, everyMs = 10): Promise<void> {
  while (!(await condition())) await sleep(everyMs);
}
