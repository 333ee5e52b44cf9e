import { Controller, Logger } from '@nestjs/common';
import { PostbackPayload, ZixflowPostback, type ZixflowPostbackEvent } from '../lib';

/** The user's own controller: the decorator adds POST, 200, signature check, parsing and de-duplication. */
@Controller('webhooks')
export class WebhooksController {
  private readonly logger = new Logger(WebhooksController.name);

  @ZixflowPostback('zixflow')
  onStatus(@PostbackPayload() event: ZixflowPostbackEvent): void {
    this.logger.log(
      `postback: request ${event.requestId} is ${event.status} (message_id ${event.messageId}, data "${event.postBackData}")`,
    );
  }
}
