import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TerminusModule } from '@nestjs/terminus';
import { ZixflowModule } from '../lib';
import { ZixflowHealthIndicator } from '../lib/health';
import { HealthController } from './health/health.controller';
import { MarketingModule, type MarketingWorkspaceConfig } from './marketing/marketing.module';
import { NotificationsService } from './notifications.service';
import { WebhooksController } from './webhooks.controller';

export interface SampleConfig {
  /** Where Zixflow (here: the simulator) listens. */
  zixflowUrl: string;
  apiKey: string;
  workspaceId: string;
  /** This app's own public URL, which Zixflow posts delivery statuses to. */
  publicUrl: string;
  /** A second Zixflow workspace, registered as the named instance 'marketing'. */
  marketing: MarketingWorkspaceConfig;
}

/**
 * A minimal app: ZixflowModule, a service that sends, and a controller that receives postbacks; a second
 * workspace (MarketingModule) and GET /health (Terminus with ZixflowHealthIndicator).
 */
@Module({})
export class AppModule {
  static register(config: SampleConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EventEmitterModule.forRoot(),
        ZixflowModule.forRoot({
          apiKey: config.apiKey,
          workspaceId: config.workspaceId,
          baseUrl: config.zixflowUrl,
          defaults: { senderId: 'ZIXFLW', route: 'transactional' },
          postback: {
            publicUrl: `${config.publicUrl}/webhooks/zixflow`,
            secret: 'sample-postback-secret-0123456789',
          },
        }),
        MarketingModule.register(config.marketing, config.publicUrl),
        TerminusModule,
      ],
      controllers: [WebhooksController, HealthController],
      providers: [NotificationsService, ZixflowHealthIndicator],
    };
  }
}
