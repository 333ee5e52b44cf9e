import { inspect } from 'node:util';

/**
 * Fails when a secret shows in `value` in any form it may be logged in: a string as it is; anything else as
 * JSON, as `inspect()` prints it, and its message and stack when it is an error.
 */
export function expectNoSecrets(value: unknown, secrets: readonly string[]): void {
  const texts =
    typeof value === 'string'
      ? [value]
      : [
          String(JSON.stringify(value)),
          inspect(value, { depth: 10 }),
          String((value as Error | undefined)?.message),
          String((value as Error | undefined)?.stack),
        ];
  for (const text of texts) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}
