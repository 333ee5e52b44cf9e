/**
 * The postback app, in its own process: `@ZixflowPostback()` at POST /webhooks/zixflow and a bare
 * `@Post() @HttpCode(200)` at POST /bare, on the adapter named in argv[2] (express | fastify), with
 * rawBody: true as postbacks require. Tells the parent its port and how many postbacks it handled.
 * POST /webhooks/zixflow-intercepted is the same postback composed by hand with the guard and
 * ZixflowPostbackInterceptor (the plain hand-off); BENCH_POSTBACK_FAST_PATHS=0 sets
 * `fastPaths.postbackLayout` and `fastPaths.postbackTokenCache` false. argv[3] `redis` puts the module's state
 * on a RedisZixflowStore at REDIS_URL (default redis://127.0.0.1:6379) under a prefix of its own.
 */
import 'reflect-metadata';
import {
  Controller,
  HttpCode,
  Injectable,
  Module,
  Post,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type CanActivate,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { PostbackPayload, ZixflowModule, ZixflowPostback, type ZixflowPostbackEvent } from '../../lib';
import { RedisZixflowStore } from '../../lib/redis';
import { ZixflowPostbackGuard } from '../../lib/postback/http/zixflow-postback.guard';
import { ZixflowPostbackInterceptor } from '../../lib/postback/http/zixflow-postback.interceptor';
import { BENCH_API_KEY, BENCH_POSTBACK_SECRET, BENCH_WORKSPACE } from '../fixtures';

/** Off together: the bench compares the postback fast paths with their plain twins as one switch. */
const postbackFastPaths = process.env.BENCH_POSTBACK_FAST_PATHS !== '0';

const handled = { postback: 0, bare: 0, noop: 0, intercepted: 0 };

const store =
  process.argv[3] === 'redis'
    ? new RedisZixflowStore({
        connection: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        prefix: `zixflow-bench:${process.pid}:`,
        // Short TTLs: the bench leaves nothing in Redis for long.
        dedupTtlMs: 60_000,
        statusTtlMs: 60_000,
        pendingTtlMs: 60_000,
      })
    : undefined;

/** Nest's guard + interceptor machinery with nothing inside: separates its cost from the postback checks'. */
@Injectable()
class NoopGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

@Injectable()
class NoopInterceptor implements NestInterceptor {
  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    return next.handle();
  }
}

@Controller()
class BenchController {
  @ZixflowPostback('webhooks/zixflow')
  onPostback(@PostbackPayload() _event: ZixflowPostbackEvent): void {
    handled.postback++;
  }

  @Post('webhooks/zixflow-intercepted')
  @HttpCode(200)
  @UseGuards(ZixflowPostbackGuard)
  @UseInterceptors(ZixflowPostbackInterceptor)
  intercepted(): void {
    handled.intercepted++;
  }

  @Post('bare')
  @HttpCode(200)
  bare(): void {
    handled.bare++;
  }

  @Post('noop')
  @HttpCode(200)
  @UseGuards(NoopGuard)
  @UseInterceptors(NoopInterceptor)
  noop(): void {
    handled.noop++;
  }
}

@Module({
  imports: [
    ZixflowModule.forRoot({
      apiKey: BENCH_API_KEY,
      workspaceId: BENCH_WORKSPACE,
      baseUrl: 'http://127.0.0.1:9',
      // The public URL only feeds the signer here; the bench signs its URL with the same secret.
      postback: {
        publicUrl: 'http://127.0.0.1/webhooks/zixflow',
        secret: BENCH_POSTBACK_SECRET,
      },
      fastPaths: { postbackLayout: postbackFastPaths, postbackTokenCache: postbackFastPaths },
      store,
    }),
  ],
  controllers: [BenchController],
})
class BenchPostbackModule {}

async function main(): Promise<void> {
  const kind = process.argv[2] === 'fastify' ? 'fastify' : 'express';
  const adapter = kind === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  const app = await NestFactory.create(BenchPostbackModule, adapter, { rawBody: true, logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as { address(): AddressInfo };
  process.send?.({ type: 'ready', port: server.address().port });
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'stats') process.send?.({ type: 'stats', ...handled });
    if (message?.type === 'stop') void app.close().finally(() => process.exit(0));
  });
}

process.on('disconnect', () => process.exit(0));
// A safety net if the parent dies without a word; profile-postback.ts, under valgrind, needs longer.
setTimeout(() => process.exit(0), Number(process.env.BENCH_APP_LIFETIME_MS ?? 240_000)).unref();
main().catch((error: unknown) => {
  process.send?.({ type: 'error', message: String(error) });
  process.exit(1);
});
