import { Controller, Logger } from '@nestjs/common';
import { PostbackPayload, ZixflowPostback, type ZixflowPostbackEvent } from '../../lib';

/** Postbacks of the 'marketing' workspace: checked with its own secret and workspace id. */
@Controller('webhooks/zixflow')
export class MarketingWebhooksController {
  private readonly logger = new Logger(MarketingWebhooksController.name);

  @ZixflowPostback({ path: 'marketing', workspace: 'marketing' })
  onStatus(@PostbackPayload() event: ZixflowPostbackEvent): void {
    this.logger.log(
      `postback for workspace "${event.workspace}": request ${event.requestId} is ${event.status}`,
    );
  }
}
