/**
 * One worker replica of a user's app, run as its own process by queue-worker.process.ts: a real Nest app with
 * ZixflowModule (pointed at the test's simulator) and ZixflowQueueModule on the test's Redis. It tells the test
 * over IPC when it is ready, every queue event it publishes, and when app.close() was called and resolved.
 * Configured by the QUEUE_WORKER_CONFIG environment variable (JSON).
 */
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { ZixflowModule } from '../../lib';
import { ZixflowQueueEvent, ZixflowQueueModule } from '../../lib/queue';
import type { QueueWorkerConfig, QueueWorkerMessage } from './queue-worker-config.interface';

const config = JSON.parse(process.env.QUEUE_WORKER_CONFIG ?? '{}') as QueueWorkerConfig;

function tell(message: QueueWorkerMessage): void {
  // The parent may be gone (the test ended): nothing to tell then.
  if (process.connected) process.send?.(message);
}

/** Relays every queue event to the test, with its name and payload as published. */
@Injectable()
class QueueEventRelay {
  @OnEvent(ZixflowQueueEvent.Completed)
  completed(payload: object): void {
    this.relay(ZixflowQueueEvent.Completed, payload);
  }

  @OnEvent(ZixflowQueueEvent.Failed)
  failed(payload: object): void {
    this.relay(ZixflowQueueEvent.Failed, payload);
  }

  @OnEvent(ZixflowQueueEvent.Unknown)
  unknown(payload: object): void {
    this.relay(ZixflowQueueEvent.Unknown, payload);
  }

  private relay(name: string, payload: object): void {
    tell({ type: 'event', name, payload: { ...payload }, at: Date.now() });
  }
}

@Module({
  imports: [
    EventEmitterModule.forRoot(),
    // Global: the queue's worker sends through this SmsService.
    ZixflowModule.forRoot({
      isGlobal: true,
      apiKey: config.apiKey,
      workspaceId: config.workspaceId,
      baseUrl: config.baseUrl,
      defaults: { senderId: 'ZIXFLW', route: 'transactional' },
      ...config.zixflow,
    }),
    ZixflowQueueModule.forRoot({ ...config.queue, connection: { url: config.redisUrl } }),
  ],
  providers: [QueueEventRelay],
})
class QueueWorkerModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(QueueWorkerModule, { logger: ['error', 'warn'] });
  process.on('message', (message: { type?: string }) => {
    if (message?.type !== 'close') return;
    tell({ type: 'closing', at: Date.now() });
    app.close().then(
      () => {
        tell({ type: 'closed', at: Date.now() });
        // Without the IPC channel nothing of ours is left: the process exits only if the app closed everything.
        process.disconnect();
      },
      (error: unknown) => {
        console.error(`${config.label}: app.close() failed`, error);
        process.exit(1);
      },
    );
  });
  tell({ type: 'ready', at: Date.now() });
}

main().catch((error: unknown) => {
  console.error(`${config.label}:`, error);
  process.exit(1);
});
