/** The error `fn` throws, which must be a `type`: anything else thrown is rethrown, nothing thrown fails. */
export function thrownBy<E extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`expected a ${type.name}`);
}

/**
 * What `promise` rejects with; resolving fails. Given a `type`, the rejection must be one: anything else is
 * rethrown.
 */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E>;
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown>;
export async function rejectionOf(
  promise: Promise<unknown>,
  type?: abstract new (...args: never[]) => Error,
): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    if (!type || err instanceof type) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}
