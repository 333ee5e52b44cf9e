import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { SmsService, ZixflowModule, type DeliveryReport } from '../../lib';
import { ZixflowSimulator, ZixflowTestingModule } from '../../lib/testing';

const API_KEY = 'sk_report_answer';
const WORKSPACE = 'ws_report_answer';
const RECIPIENT = '919876543210';
const DEFAULTS = { senderId: 'ZIXFLW', route: 'transactional' as const };

/** The fields that differ between two sends by nature (ids, time); everything else must match. */
function comparable(report: DeliveryReport): Partial<DeliveryReport> {
  const { requestId, messageId, statusAt, statusDate, ...rest } = report;
  void [requestId, messageId, statusAt, statusDate];
  return rest;
}

describe('delivery report: ZixflowTestingModule answers as the simulator does', () => {
  let simulator: ZixflowSimulator;

  beforeAll(async () => {
    simulator = await new ZixflowSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE }).start();
    // No status change: both report the message as queued, as the testing module does until deliverPostback.
    simulator.setPostbackScenario('*', { statuses: [] });
  });
  afterAll(() => simulator.stop());

  async function reportFrom(module: ReturnType<typeof ZixflowModule.forRoot>): Promise<DeliveryReport> {
    const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
    try {
      const sms = moduleRef.get(SmsService);
      const { requestId } = await sms.send({ recipient: RECIPIENT, message: 'Your code is 1234' });
      return await sms.getDeliveryReport(requestId);
    } finally {
      await moduleRef.close();
    }
  }

  it('gives the same report, workspace id included, for the same send', async () => {
    const fromSimulator = await reportFrom(
      ZixflowModule.forRoot({
        apiKey: API_KEY,
        workspaceId: WORKSPACE,
        baseUrl: simulator.url,
        defaults: DEFAULTS,
      }),
    );
    const fromTesting = await reportFrom(
      ZixflowTestingModule.forRoot({ apiKey: API_KEY, workspaceId: WORKSPACE, defaults: DEFAULTS }),
    );

    expect(fromTesting.workspaceId).toBe(WORKSPACE);
    expect(comparable(fromTesting)).toEqual(comparable(fromSimulator));
    expect(comparable(fromSimulator)).toEqual({
      status: 'queued',
      remark: '',
      channel: 'sms',
      recipient: RECIPIENT,
      workspaceId: WORKSPACE,
    });
  });
});
