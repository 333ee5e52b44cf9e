import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ZixflowModule } from '../lib';
import { ZixflowQueueModule } from '../lib/queue';
import { CampaignService } from './campaign.service';
import { WebhooksController } from './webhooks.controller';
import { sampleZixflowOptions, type SampleZixflowConfig } from './zixflow-options';

export interface QueueSampleConfig extends SampleZixflowConfig {
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
        ZixflowModule.forRoot({ ...sampleZixflowOptions(config), isGlobal: true }),
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
