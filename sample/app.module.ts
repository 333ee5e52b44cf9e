import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ZixflowModule } from '../lib';
import { NotificationsService } from './notifications.service';
import { WebhooksController } from './webhooks.controller';

export interface SampleConfig {
  /** Where Zixflow (here: the simulator) listens. */
  zixflowUrl: string;
  apiKey: string;
  workspaceId: string;
  /** This app's own public URL, which Zixflow posts delivery statuses to. */
  publicUrl: string;
}

/** A minimal app: ZixflowModule, a service that sends, and a controller that receives postbacks. */
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
      ],
      controllers: [WebhooksController],
      providers: [NotificationsService],
    };
  }
}
