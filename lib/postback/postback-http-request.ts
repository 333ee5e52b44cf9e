import type { ExecutionContext } from '@nestjs/common';

/**
 * The HTTP request of a guard, interceptor or param factory context: what
 * `context.switchToHttp().getRequest()` returns (the first handler argument, Express and Fastify alike),
 * read directly because switchToHttp() builds three closures on every call, three times per postback.
 */
export function postbackHttpRequest<T = object>(context: ExecutionContext): T {
  return context.getArgByIndex<T>(0);
}
