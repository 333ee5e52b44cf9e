import { isDeepStrictEqual, inspect } from 'node:util';
import type { ZixflowTestingSend } from './interfaces/zixflow-testing-send.interface';

/** What `expectSent` takes: any fields of a recorded send; a RegExp matches a string field. */
export type ZixflowTestingSendMatcher = {
  [K in keyof ZixflowTestingSend]?:
    ZixflowTestingSend[K] | (ZixflowTestingSend[K] extends string | undefined ? RegExp : never);
};

function fieldMatches(actual: unknown, expected: unknown): boolean {
  if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual);
  return isDeepStrictEqual(actual, expected);
}

/** Whether `send` has every field of `expected`. */
export function sendMatches(send: ZixflowTestingSend, expected: ZixflowTestingSendMatcher): boolean {
  return Object.entries(expected).every(([key, value]) =>
    fieldMatches((send as unknown as Record<string, unknown>)[key], value),
  );
}

/** A readable failure: what was expected, and every send that was made (fields of the expectation first). */
export function notSentMessage(
  expected: ZixflowTestingSendMatcher,
  sends: readonly ZixflowTestingSend[],
): string {
  const keys = Object.keys(expected);
  const shown = sends.map((send, i) => {
    const picked = Object.fromEntries(
      Object.entries(send).filter(
        ([key]) => keys.includes(key) || ['recipient', 'outcome', 'sendId'].includes(key),
      ),
    );
    return `  #${i + 1} ${inspect(picked, { breakLength: Infinity, depth: 4 })}`;
  });
  return [
    `Expected a send matching ${inspect(expected, { breakLength: Infinity, depth: 4 })}`,
    sends.length === 0 ? 'but nothing was sent.' : `but none of the ${sends.length} send(s) matches:`,
    ...shown,
  ].join('\n');
}
