import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ZixflowEvent, type ZixflowPostbackEvent } from '../lib';
import { SmsQueue, ZixflowQueueEvent, type EnqueueManyProgress, type SmsJobFailedEvent } from '../lib/queue';

/** What a campaign looks like in a user's app: enqueue everything at once, count outcomes from events. */
@Injectable()
export class CampaignService {
  /** Jobs Zixflow accepted (`zixflow.queue.completed`). */
  sent = 0;
  /** Jobs given up or left unknown. */
  failed = 0;
  unknown = 0;
  /** Delivery postbacks received for them. */
  delivered = 0;

  constructor(private readonly smsQueue: SmsQueue) {}

  /** Enqueues one SMS per customer; resolves once all are in Redis (the workers send them at their pace). */
  async enqueue(
    customers: Iterable<{ phone: string; orderId: string }>,
    onProgress: (p: EnqueueManyProgress) => void,
  ) {
    const messages = function* () {
      for (const customer of customers) {
        yield {
          recipient: customer.phone,
          message: `Your order ${customer.orderId} has shipped.`,
          postBackData: customer.orderId,
        };
      }
    };
    // The order id as job id: enqueueing the same order twice sends one SMS.
    return this.smsQueue.enqueueMany(messages(), {
      chunkSize: 25,
      jobId: (input) => `order-${input.postBackData}`,
      onProgress,
    });
  }

  @OnEvent(ZixflowQueueEvent.Completed)
  onSent(): void {
    this.sent++;
  }

  @OnEvent(ZixflowQueueEvent.Failed)
  onFailed(event: SmsJobFailedEvent): void {
    if (event.final) this.failed++;
  }

  @OnEvent(ZixflowQueueEvent.Unknown)
  onUnknown(): void {
    this.unknown++;
  }

  @OnEvent(ZixflowEvent.SmsDelivered)
  onDelivered(event: ZixflowPostbackEvent): void {
    if (!event.stale) this.delivered++;
  }
}
