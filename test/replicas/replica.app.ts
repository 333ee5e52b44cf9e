/**
 * One replica of a user's app, run as its own process by replica.process.ts: a real Nest app (Express) with
 * ZixflowModule on a RedisZixflowStore, a `@ZixflowPostback()` handler that records what it handled, and
 * control routes the test drives it through. Configured by the REPLICA_CONFIG environment variable (JSON).
 */
import 'reflect-metadata';
import { Body, Controller, Get, Injectable, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import {
  PostbackPayload,
  SmsService,
  ZixflowError,
  ZixflowEvent,
  ZixflowModule,
  ZixflowPostback,
  type SmsOutcomeResolvedEvent,
  type ZixflowPostbackEvent,
} from '../../lib';
import { RedisZixflowStore } from '../../lib/redis';
import type { HandledPostback, ReplicaConfig } from './replica-config.interface';

const config = JSON.parse(process.env.REPLICA_CONFIG ?? '{}') as ReplicaConfig;
const handled: HandledPostback[] = [];
const resolvedEvents: SmsOutcomeResolvedEvent[] = [];

@Injectable()
class OutcomeListener {
  @OnEvent(ZixflowEvent.SmsOutcomeResolved)
  onResolved(event: SmsOutcomeResolvedEvent): void {
    resolvedEvents.push(event);
  }
}

@Controller('webhooks')
class WebhooksController {
  @ZixflowPostback('zixflow')
  onStatus(@PostbackPayload() event: ZixflowPostbackEvent): void {
    handled.push({
      requestId: event.requestId,
      status: event.status,
      stale: event.stale,
      sendId: event.sendId,
      at: Date.now(),
    });
  }
}

@Controller('control')
class ControlController {
  constructor(private readonly sms: SmsService) {}

  @Post('send')
  async send(@Body() body: { recipient: string; message: string }): Promise<object> {
    try {
      return { ok: true, ...(await this.sms.send(body)) };
    } catch (error) {
      if (!(error instanceof ZixflowError)) throw error;
      return { ok: false, code: error.code, outcome: error.outcome, sendId: error.sendId };
    }
  }

  @Get('handled')
  handled(): HandledPostback[] {
    return handled;
  }

  @Get('resolved-events')
  resolvedEvents(): SmsOutcomeResolvedEvent[] {
    return resolvedEvents;
  }

  @Post('wait')
  async wait(
    @Body() body: { requestId: string; timeoutMs: number; pollIntervalMs: number },
  ): Promise<object> {
    const update = await this.sms.waitForStatus(body.requestId, {
      timeoutMs: body.timeoutMs,
      pollIntervalMs: body.pollIntervalMs,
    });
    return { status: update.status, source: update.source, resolvedAt: Date.now() };
  }

  @Get('status/:requestId')
  async status(@Param('requestId') requestId: string): Promise<object> {
    const update = await this.sms.getStatus(requestId);
    return { status: update.status, source: update.source };
  }

  @Post('resolve')
  resolve(@Body() body: { sendId: string; timeoutMs: number }): Promise<object> {
    return this.sms.resolveOutcome(body.sendId, { timeoutMs: body.timeoutMs });
  }
}

@Module({
  imports: [
    EventEmitterModule.forRoot(),
    ZixflowModule.forRoot({
      apiKey: config.apiKey,
      workspaceId: config.workspaceId,
      baseUrl: config.baseUrl,
      defaults: { senderId: 'ZIXFLW', route: 'transactional' },
      postback: { publicUrl: config.postbackPublicUrl, secret: config.secret },
      store: new RedisZixflowStore({ connection: config.redisUrl, prefix: config.prefix }),
    }),
  ],
  controllers: [WebhooksController, ControlController],
  providers: [OutcomeListener],
})
class ReplicaModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(ReplicaModule, { rawBody: true, logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(config.port, '127.0.0.1');
  process.send?.({ ready: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
