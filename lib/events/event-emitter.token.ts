/**
 * `@nestjs/event-emitter` is an optional peer: use its EventEmitter2 class as the injection token when it
 * is installed, and a token nothing provides otherwise, so `@Optional()` injection resolves to undefined.
 */
function loadEventEmitter2(): unknown {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('@nestjs/event-emitter') as { EventEmitter2: unknown }).EventEmitter2;
  } catch {
    return undefined;
  }
}

export const EVENT_EMITTER_TOKEN: string | symbol | (abstract new (...args: never[]) => unknown) =
  (loadEventEmitter2() as abstract new (...args: never[]) => unknown) ?? 'ZIXFLOW_EVENT_EMITTER_UNAVAILABLE';
