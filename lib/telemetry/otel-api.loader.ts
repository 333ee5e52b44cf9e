import type * as OtelApi from '@opentelemetry/api';

/** The `@opentelemetry/api` module, as this package uses it. */
export type OtelApiModule = typeof OtelApi;

const PACKAGE = '@opentelemetry/api';

/**
 * `@opentelemetry/api` when the app has it installed, else undefined: it is an optional peer, so the root
 * entry must load without it. The one place that requires it; anything but its absence is rethrown.
 */
export function loadOtelApi(): OtelApiModule | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer: a static import would make it required
    return require(PACKAGE) as OtelApiModule;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/**
 * MODULE_NOT_FOUND for the API package itself, not for something it failed to load in turn. Read by shape,
 * not `instanceof Error`: under Jest the error comes from the resolver's realm, whose `Error` is another.
 */
function isMissing(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${PACKAGE}'`);
}
