import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ZixflowModule } from '../lib';
import { ZixflowQueueModule } from '../lib/queue';
import type { SampleConfig } from './app.module';
import { CampaignService } from './campaign.service';
import { WebhooksController } from './webhooks.controller';

export interface QueueSampleConfig extends Omit<SampleConfig, 'marketing'> {
  redisUrl: string;
  queueName: string;
  prefix: string;
}

/**
 * The sample app as one worker replica: ZixflowModule (global, so the queue's worker sends through its
 * SmsService) and ZixflowQueueModule on Redis, the same postback controller, and a campaign service.
 */
@Module({})
export class QueueSampleModule {
  static register(config: QueueSampleConfig): DynamicModule {
    return {
      module: QueueSampleModule,
      imports: [
        EventEmitterModule.forRoot(),
        ZixflowModule.forRoot({
          isGlobal: true,
          apiKey: config.apiKey,
          workspaceId: config.workspaceId,
          baseUrl: config.zixflowUrl,
          defaults: { senderId: 'ZIXFLW', route: 'transactional' },
          postback: {
            publicUrl: `${config.publicUrl}/webhooks/zixflow`,
            secret: 'sample-postback-secret-0123456789',
          },
        }),
        ZixflowQueueModule.forRoot({
          connection: { url: config.redisUrl },
          queueName: config.queueName,
          prefix: config.prefix,
          // The provider's limit, shared by every worker of the queue.
          limiter: { max: 50, duration: 1000 },
          worker: true,
        }),
      ],
      controllers: [WebhooksController],
      providers: [CampaignService],
    };
  }
}
