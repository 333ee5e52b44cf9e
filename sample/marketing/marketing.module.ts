import { Module, type DynamicModule } from '@nestjs/common';
import { ZixflowModule } from '../../lib';
import { MarketingService } from './marketing.service';
import { MarketingWebhooksController } from './marketing-webhooks.controller';

/** The second workspace's own settings: another Zixflow workspace, with its own key and postback secret. */
export interface MarketingWorkspaceConfig {
  zixflowUrl: string;
  apiKey: string;
  workspaceId: string;
}

/**
 * A second Zixflow workspace in the same app: a named instance ('marketing') beside the app's unnamed one, with
 * its own credentials, sender id, postback route and secret. Its SmsService is `@InjectSmsService('marketing')`.
 */
@Module({})
export class MarketingModule {
  static register(config: MarketingWorkspaceConfig, publicUrl: string): DynamicModule {
    return {
      module: MarketingModule,
      imports: [
        ZixflowModule.forRoot({
          name: 'marketing',
          apiKey: config.apiKey,
          workspaceId: config.workspaceId,
          baseUrl: config.zixflowUrl,
          defaults: { senderId: 'MKTGCO', route: 'promotional' },
          postback: {
            publicUrl: `${publicUrl}/webhooks/zixflow/marketing`,
            secret: 'sample-marketing-postback-secret-42',
          },
        }),
      ],
      controllers: [MarketingWebhooksController],
      providers: [MarketingService],
      exports: [MarketingService],
    };
  }
}
