import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Observable } from 'rxjs';
import type { ResolvedPostbackConfig } from '../../lib/postback/interfaces/resolved-postback-config.interface';
import { PostbackTokenSigner } from '../../lib/postback/auth/postback-token.signer';
import { resolvePostbackConfig } from '../../lib/postback/resolve-postback-config';
import { resolveZixflowOptions } from '../../lib/config/resolve-zixflow-options';
import { RawBodyInspector, type RawBodyState } from '../../lib/postback/http/raw-body.inspector';

export const SECRET = 'unit-secret-0123456789abcdef';
export const WORKSPACE = '69614209f51dfafb2231a6fe';

/** Nest's own ExecutionContext for an HTTP handler called with a plain request object. */
export function httpContext(request: object): ExecutionContext {
  const context = new ExecutionContextHost([request, {}, () => undefined]);
  context.setType('http');
  return context;
}

/** The module's own resolved postback config (its real defaults), signing with SECRET, with `overrides`. */
export function postbackConfig(overrides: Partial<ResolvedPostbackConfig> = {}): ResolvedPostbackConfig {
  return {
    ...resolvePostbackConfig(resolveZixflowOptions({ apiKey: 'unit-key', workspaceId: WORKSPACE })),
    signer: new PostbackTokenSigner(SECRET),
    ...overrides,
  };
}

/** A RawBodyInspector already in `state`, as if Nest had registered its parsers. */
export function inspectorIn(state: RawBodyState): RawBodyInspector {
  const adapter = { registerParserMiddleware: (_prefix: string, _raw: boolean) => undefined };
  const host = new HttpAdapterHost();
  host.httpAdapter = adapter as never;
  const inspector = new RawBodyInspector(host);
  if (state !== 'unknown') adapter.registerParserMiddleware('', state === 'enabled');
  return inspector;
}

/** A CallHandler whose handler runs `fn` when subscribed, counting calls. */
export function handlerRunning(fn: () => unknown): CallHandler & { calls: number } {
  const handler = {
    calls: 0,
    handle: () =>
      new Observable<unknown>((subscriber) => {
        handler.calls++;
        try {
          subscriber.next(fn());
          subscriber.complete();
        } catch (error) {
          subscriber.error(error);
        }
      }),
  };
  return handler;
}
