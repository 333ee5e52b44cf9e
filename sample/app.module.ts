import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TerminusModule } from '@nestjs/terminus';
import { ZixflowModule } from '../lib';
import { ZixflowHealthIndicator } from '../lib/health';
import { HealthController } from './health/health.controller';
import { MarketingModule, type MarketingWorkspaceConfig } from './marketing/marketing.module';
import { NotificationsService } from './notifications.service';
import { WebhooksController } from './webhooks.controller';
import { sampleZixflowOptions, type SampleZixflowConfig } from './zixflow-options';

export interface SampleConfig extends SampleZixflowConfig {
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
        ZixflowModule.forRoot(sampleZixflowOptions(config)),
        MarketingModule.register(config.marketing, config.publicUrl),
        TerminusModule,
      ],
      controllers: [WebhooksController, HealthController],
      providers: [NotificationsService, ZixflowHealthIndicator],
    };
  }
}
