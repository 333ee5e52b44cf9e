import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SmsQueuedEvent, SmsService, ZixflowEvent, type SmsSendResult } from '../lib';

/** What a user's own service looks like: inject SmsService, listen to events. */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(private readonly sms: SmsService) {}

  sendOrderShipped(recipient: string, orderId: string): Promise<SmsSendResult> {
    return this.sms.send({ recipient, message: `Your order ${orderId} has shipped.`, postBackData: orderId });
  }

  @OnEvent(ZixflowEvent.SmsQueued)
  onQueued(event: SmsQueuedEvent) {
    this.logger.log(`queued ${event.requestId} for ${event.recipient} (${event.segments} part(s))`);
  }
}
