import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  SmsQueuedEvent,
  SmsService,
  ZixflowEvent,
  type DeliveryStatusUpdate,
  type SmsSendResult,
  type ZixflowPostbackEvent,
} from '../lib';

/** What a user's own service looks like: inject SmsService, listen to events. */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(private readonly sms: SmsService) {}

  sendOrderShipped(recipient: string, orderId: string): Promise<SmsSendResult> {
    return this.sms.send({ recipient, message: `Your order ${orderId} has shipped.`, postBackData: orderId });
  }

  waitUntilDelivered(requestId: string): Promise<DeliveryStatusUpdate> {
    return this.sms.waitForStatus(requestId, { timeoutMs: 10_000 });
  }

  // Every workspace publishes on the app's one event bus: `workspace` says whose event it is (undefined: ours).
  @OnEvent(ZixflowEvent.SmsQueued)
  onQueued(event: SmsQueuedEvent): void {
    if (event.workspace !== undefined) return;
    this.logger.log(`queued ${event.requestId} for ${event.recipient} (${event.segments} part(s))`);
  }

  @OnEvent(ZixflowEvent.SmsDelivered)
  onDelivered(event: ZixflowPostbackEvent): void {
    if (event.workspace !== undefined) return;
    this.logger.log(`delivered: order ${event.postBackData} reached ${event.recipient}`);
  }
}
