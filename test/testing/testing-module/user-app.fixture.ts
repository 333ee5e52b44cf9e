import { Controller, Injectable, Module } from '@nestjs/common';
import { PostbackPayload, SmsService, ZixflowPostback, type ZixflowPostbackEvent } from '../../../lib';

/** A user's service: the code under test injects SmsService and knows nothing of the test kit. */
@Injectable()
export class OtpService {
  constructor(private readonly sms: SmsService) {}

  sendCode(phone: string, code: string) {
    return this.sms.send(
      { recipient: phone, message: `Your code is ${code}` },
      { retry: { baseDelayMs: 1 } },
    );
  }
}

/** A user's postback route, at the path the tests sign postback URLs for. */
@Controller('sms')
export class DeliveryController {
  readonly received: ZixflowPostbackEvent[] = [];

  @ZixflowPostback('status')
  onStatus(@PostbackPayload() event: ZixflowPostbackEvent): void {
    this.received.push(event);
  }
}

/** Where the user's module registers its route; the testing module's postback URL points at it. */
export const POSTBACK_URL = 'http://localhost/sms/status';

/** A feature module of the user's app that injects SmsService from a global ZixflowTestingModule. */
@Module({ providers: [OtpService], exports: [OtpService] })
export class OtpModule {}
