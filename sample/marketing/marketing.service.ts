import { Injectable, Logger } from '@nestjs/common';
import { InjectSmsService, SmsService, type DeliveryStatusUpdate, type SmsSendResult } from '../../lib';

/** Sends through the 'marketing' workspace: the named instance, injected by name. */
@Injectable()
export class MarketingService {
  private readonly logger = new Logger(MarketingService.name);

  constructor(@InjectSmsService('marketing') private readonly sms: SmsService) {}

  async sendOffer(recipient: string): Promise<SmsSendResult> {
    const result = await this.sms.send({ recipient, message: 'Spring sale: 20% off until Sunday.' });
    this.logger.log(`queued ${result.requestId} in the marketing workspace`);
    return result;
  }

  waitUntilDelivered(requestId: string): Promise<DeliveryStatusUpdate> {
    return this.sms.waitForStatus(requestId, { timeoutMs: 10_000 });
  }
}
