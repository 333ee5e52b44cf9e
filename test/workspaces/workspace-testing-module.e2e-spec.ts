import 'reflect-metadata';
import { Controller, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  InjectSmsService,
  PostbackPayload,
  SmsService,
  ZixflowPostback,
  type ZixflowPostbackEvent,
} from '../../lib';
import { ZixflowTesting, ZixflowTestingModule, getZixflowTestingToken } from '../../lib/testing';

@Injectable()
class Campaigns {
  constructor(
    @InjectSmsService('marketing') readonly marketing: SmsService,
    readonly plain: SmsService,
  ) {}
}

@Controller('sms')
class StatusController {
  readonly received: ZixflowPostbackEvent[] = [];

  @ZixflowPostback({ path: 'marketing', workspace: 'marketing' })
  onMarketing(@PostbackPayload() event: ZixflowPostbackEvent): void {
    this.received.push(event);
  }

  @ZixflowPostback('plain')
  onPlain(@PostbackPayload() event: ZixflowPostbackEvent): void {
    this.received.push(event);
  }
}

describe('ZixflowTestingModule.forRoot({ name })', () => {
  it('stands for the named instance beside the unnamed one: its sends, its postbacks', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ZixflowTestingModule.forRoot({
          name: 'marketing',
          defaults: { senderId: 'MKTGCO', route: 'promotional' },
          postback: { publicUrl: 'http://localhost/sms/marketing' },
        }),
        ZixflowTestingModule.forRoot({
          defaults: { senderId: 'PLAIN1', route: 'transactional' },
          postback: { publicUrl: 'http://localhost/sms/plain' },
        }),
      ],
      providers: [Campaigns],
      controllers: [StatusController],
    }).compile();
    const app = moduleRef.createNestApplication({ rawBody: true, logger: false });
    await app.init();
    try {
      const marketing = app.get<ZixflowTesting>(getZixflowTestingToken('marketing'));
      const plain = app.get(ZixflowTesting);
      expect(getZixflowTestingToken()).toBe(ZixflowTesting);
      expect(marketing).not.toBe(plain);

      const campaigns = app.get(Campaigns);
      const sent = await campaigns.marketing.send({ recipient: '919876543210', message: 'Sale' });
      await campaigns.plain.send({ recipient: '919876543210', message: 'Hi' });
      expect(marketing.sent.map((send) => send.senderId)).toEqual(['MKTGCO']);
      expect(plain.sent.map((send) => send.senderId)).toEqual(['PLAIN1']);

      const delivered = await marketing.deliverPostback({ requestId: sent.requestId, status: 'delivered' });
      expect(delivered.status).toBe(200);
      // The named instance's token at the unnamed route: refused.
      const crossed = await marketing.deliverPostback({
        requestId: sent.requestId,
        status: 'read',
        path: '/sms/plain',
      });
      expect(crossed.status).toBe(401);
      expect(app.get(StatusController).received.map((event) => [event.workspace, event.status])).toEqual([
        ['marketing', 'delivered'],
      ]);
    } finally {
      await app.close();
    }
  });
});
