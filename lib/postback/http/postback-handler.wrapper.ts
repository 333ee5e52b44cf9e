import { ZixflowConfigError } from '../../errors/zixflow-config.error';
import { AdmittedPostback } from './admitted-postback';
import { AdmittedPostbackArgument } from './admitted-postback.param';
import { highestDecoratedParameterIndex } from './nest-route-args.fence';

type Handler = (...args: unknown[]) => unknown;

/**
 * Wraps a @ZixflowPostback() method so that, after every guard and pipe, the postback is processed around
 * it (dedup, events, forgetting on failure) by the PostbackProcessor of the app whose guard admitted it.
 * Doing this in the handler rather than in ZixflowPostbackInterceptor spares Nest's interceptor machinery
 * (rxjs chains, async scopes): measured at about a third of a postback's CPU on Fastify. It leans on
 * Nest's route-argument metadata (see nest-route-args.fence); `{ wrapHandler: false }` turns it off. The verdict reaches the wrapper as one extra
 * argument after the method's own; the method never sees it. Called directly (e.g. in a unit test), the
 * method runs as written. Route metadata already on the method is copied to the wrapper; decorators
 * applied after this one write to the wrapper themselves.
 */
export function ProcessAdmittedPostback(): MethodDecorator {
  return (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
    const original: unknown = descriptor.value;
    if (typeof original !== 'function') {
      throw new ZixflowConfigError(['@ZixflowPostback() can only decorate a method']);
    }
    const handler = original as Handler;
    const index = hiddenArgumentIndex(target, key, handler);
    AdmittedPostbackArgument()(target, key, index);

    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      const admitted = args[index];
      if (!(admitted instanceof AdmittedPostback)) return handler.apply(this, args);
      const own = args.slice(0, index);
      if (admitted.claimed) return handler.apply(this, own);
      admitted.claimed = true;
      return admitted.processor.process(admitted.event, () => handler.apply(this, own), admitted.sentAtMs);
    };
    copyOwnMetadata(handler, wrapped);
    Object.defineProperty(wrapped, 'name', { value: handler.name, configurable: true });
    descriptor.value = wrapped;
  };
}

/** After the method's declared parameters and every decorated one, so it never takes a user's place. */
function hiddenArgumentIndex(target: object, key: string | symbol, handler: Handler): number {
  return Math.max(handler.length, highestDecoratedParameterIndex(target.constructor, key) + 1);
}

function copyOwnMetadata(from: object, to: object): void {
  for (const metadataKey of Reflect.getOwnMetadataKeys(from)) {
    Reflect.defineMetadata(metadataKey, Reflect.getOwnMetadata(metadataKey, from), to);
  }
}
