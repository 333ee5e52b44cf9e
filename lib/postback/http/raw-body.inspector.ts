import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ResolvedPostbackConfig } from '../interfaces/resolved-postback-config.interface';
import { ZIXFLOW_POSTBACK_CONFIG, ZIXFLOW_POSTBACK_LOGGER_CONTEXT } from '../zixflow-postback.constants';

/** Whether Nest's body parsers keep `req.rawBody`: seen at `app.init()`, or unknown (e.g. `bodyParser: false`). */
export type RawBodyState = 'enabled' | 'disabled' | 'unknown';

/** The fix, word for word, in every message about a missing raw body. */
export const RAW_BODY_FIX = 'create the app with NestFactory.create(AppModule, { rawBody: true })';

/** The reason a postback endpoint answers 500 with when it has no raw body to verify. */
export const RAW_BODY_MISSING_REASON = `the raw request body is not available, so the postback cannot be read exactly: ${RAW_BODY_FIX}`;

/** The adapter methods through which Nest passes the app's `rawBody` flag (Express and Fastify alike). */
interface ParserRegistrar {
  registerParserMiddleware?: (...args: unknown[]) => unknown;
  useBodyParser?: (...args: unknown[]) => unknown;
}

/** `init$` (Nest 11.1+) fires when the adapter is set; optional so older cores fall back to an accessor. */
interface ObservableHost {
  httpAdapter: unknown;
  init$?: { subscribe(next: () => void): unknown };
}

/**
 * Finds out whether the app was created with `rawBody: true`, which Nest exposes nowhere once built.
 * During `app.init()` Nest calls `httpAdapter.registerParserMiddleware(prefix, rawBody)` (and
 * `app.useBodyParser()` calls `useBodyParser(type, rawBody, ...)`): this wraps those two methods on the
 * adapter instance to record the flag. Every argument and return value passes through untouched: it only
 * observes. The adapter may not exist yet when providers are built (`Test.createTestingModule().compile()`
 * runs before `createNestApplication()`), so it then waits for HttpAdapterHost to be given one.
 *
 * Why observe the adapter rather than check each request: a per-request check (postbackRawBody) also
 * runs, but only tells at the first postback, in production, hours after a deploy. Nest keeps the flag in
 * the application's private options and nowhere public, and these two calls are its only trace before a
 * request, so this is the one way to keep the clear startup error. Everything that leans on the adapter
 * is in this class; `postback.detectRawBody: false` turns it off (then only the per-request check runs),
 * and test/postback/http/raw-body.inspector.contract.spec.ts fails when Nest stops making these calls.
 */
@Injectable()
export class RawBodyInspector {
  private readonly logger = new Logger(ZIXFLOW_POSTBACK_LOGGER_CONTEXT);
  private observed: RawBodyState = 'unknown';
  private missingReported = false;

  constructor(
    adapterHost: HttpAdapterHost,
    @Optional()
    @Inject(ZIXFLOW_POSTBACK_CONFIG)
    config?: Pick<ResolvedPostbackConfig, 'detectRawBody'>,
  ) {
    if (config?.detectRawBody !== false) this.observeHost(adapterHost as unknown as ObservableHost);
  }

  get state(): RawBodyState {
    return this.observed;
  }

  /** Logs, once per app, that a postback arrived without `req.rawBody` (the per-request fallback). */
  reportMissingRawBody(): void {
    if (this.missingReported) return;
    this.missingReported = true;
    this.logger.error(
      `A postback arrived without req.rawBody; postbacks are answered 500 until you ${RAW_BODY_FIX}`,
    );
  }

  private observeHost(host: ObservableHost): void {
    if (host.httpAdapter) {
      this.wrap(host.httpAdapter as ParserRegistrar);
    } else if (typeof host.init$?.subscribe === 'function') {
      host.init$.subscribe(() => this.wrap(host.httpAdapter as ParserRegistrar));
    } else {
      this.observeAssignment(host);
    }
  }

  /** For cores without `init$`: NestContainer.setHttpAdapter assigns `host.httpAdapter = adapter`. */
  private observeAssignment(host: ObservableHost): void {
    const accessor = findAccessor(host, 'httpAdapter');
    if (accessor?.get === undefined || accessor.set === undefined) return;
    const { get, set } = accessor;
    Object.defineProperty(host, 'httpAdapter', {
      configurable: true,
      enumerable: accessor.enumerable,
      get() {
        return get.call(host) as unknown;
      },
      set: (adapter: unknown) => {
        set.call(host, adapter);
        if (adapter) this.wrap(adapter as ParserRegistrar);
      },
    });
  }

  private wrap(adapter: ParserRegistrar | undefined): void {
    if (!adapter) return;
    for (const method of ['registerParserMiddleware', 'useBodyParser'] as const) {
      const original = adapter[method];
      if (typeof original !== 'function') continue;
      // registerParserMiddleware(prefix, rawBody) and useBodyParser(type, rawBody, ...): rawBody is second.
      adapter[method] = (...args: unknown[]): unknown => {
        this.observed = args[1] === true ? 'enabled' : 'disabled';
        return original.apply(adapter, args);
      };
    }
  }
}

function findAccessor(target: object, key: string): PropertyDescriptor | undefined {
  for (
    let proto: object | null = target;
    proto !== null;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    if (descriptor) return descriptor;
  }
  return undefined;
}
