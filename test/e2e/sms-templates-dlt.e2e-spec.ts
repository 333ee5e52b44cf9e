import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import {
  SmsService,
  ZixflowConfigError,
  ZixflowNotFoundError,
  ZixflowValidationError,
  ZixflowWaitTimeoutError,
  type ZixflowModuleOptions,
} from '../../lib';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

const API_KEY = 'sk_templates_key';
const WORKSPACE = 'ws_templates';

const OTP_TEMPLATE = {
  key: 'otp',
  templateId: '1107161234567890123',
  entityId: '1101000000000000009',
  body: 'Your OTP is {#var#}. Do not share it. - {#var#}',
  senderIds: ['ZIXOTP'],
  route: 'otp' as const,
};

describe('templates, delivery reports, DLT, preview and recipients (simulator)', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function sms(extra: Partial<ZixflowModuleOptions> = {}): Promise<SmsService> {
    app = await createZixflowTestApp(simulator, { retry: { maxAttempts: 1 }, ...extra });
    return app.get(SmsService);
  }

  describe('sendTemplate', () => {
    it('posts the documented template body by name with variables', async () => {
      const service = await sms();
      const result = await service.sendTemplate({
        recipient: '919876543210',
        templateName: 'order_shipped',
        variables: { name: 'Asha', order: 'A-1' },
        postBackData: 'ctx-1',
      });
      expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const [request] = simulator.requests;
      expect(request.path).toBe('/api/ingest/sms/v1/template/send');
      expect(JSON.parse(request.rawBody)).toEqual({
        recipient: '919876543210',
        route: 'transactional',
        sender_id: 'ZIXFLW',
        template_name: 'order_shipped',
        variables: { name: 'Asha', order: 'A-1' },
        post_back_data: 'ctx-1',
      });
    });

    it('accepts templateId instead of a name', async () => {
      const service = await sms();
      await service.sendTemplate({ recipient: '919876543210', templateId: 'tmpl_42' });
      expect(JSON.parse(simulator.requests[0].rawBody)).toMatchObject({ template_id: 'tmpl_42' });
      expect(JSON.parse(simulator.requests[0].rawBody)).not.toHaveProperty('template_name');
    });

    it.each([
      [{ recipient: '919876543210' }, ['templateName']],
      [{ recipient: '919876543210', templateName: 'a', templateId: 'b' }, ['templateId']],
      [{ recipient: '919876543210', templateName: 'a', variables: { n: 5 } }, ['variables.n']],
      [{ recipient: '919876543210', templateName: 'a', variables: 'n=5' }, ['variables']],
      [{ recipient: 'abc', templateName: 'a', dlt_template_id: '1' }, ['recipient', 'dlt_template_id']],
    ])('rejects %j naming %j and sends nothing', async (input, fields) => {
      const service = await sms();
      const error = await service.sendTemplate(input as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZixflowValidationError);
      expect((error as ZixflowValidationError).errors.map((e) => e.field).sort()).toEqual([...fields].sort());
      expect(simulator.requests).toHaveLength(0);
    });
  });

  describe('getDeliveryReport and waitForStatus', () => {
    it('reads the report with the exact 64-bit message id; 404 for an unknown id', async () => {
      const service = await sms();
      simulator.setPostbackScenario('*', { statuses: ['delivered'], delayMs: 5 });
      const { requestId } = await service.send({ recipient: '919876543210', message: 'hi' });
      const update = await service.waitForStatus(requestId, { pollIntervalMs: 20, timeoutMs: 5000 });
      expect(update).toMatchObject({ requestId, status: 'delivered', source: 'report' });
      const report = await service.getDeliveryReport(requestId);
      const simulated = simulator.message(requestId);
      expect(report.messageId).toBe(simulated?.messageId);
      expect(BigInt(report.messageId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
      expect(report).toMatchObject({
        status: 'delivered',
        channel: 'sms',
        recipient: '919876543210',
        workspaceId: WORKSPACE,
      });
      expect(report.statusAt).toBe(simulated?.statusAt);
      expect(report.statusDate?.toISOString()).toBe(simulated?.statusAt.replace(/\.(\d{3})\d*Z$/, '.$1Z'));

      const missing = await service.getDeliveryReport('no-such-request').catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(ZixflowNotFoundError);
      expect(missing).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    });

    it('waitForStatus waits through intermediate statuses and times out with the last one seen', async () => {
      const service = await sms();
      simulator.setPostbackScenario('*', { statuses: ['sent', 'failed'], delayMs: 30 });
      const { requestId } = await service.send({ recipient: '919876543210', message: 'hi' });
      await expect(
        service.waitForStatus(requestId, { statuses: ['failed'], pollIntervalMs: 10, timeoutMs: 5000 }),
      ).resolves.toMatchObject({ status: 'failed' });

      simulator.setPostbackScenario('*', { statuses: [], delayMs: 5 });
      const second = await service.send({ recipient: '919876543210', message: 'stuck' });
      const error = await service
        .waitForStatus(second.requestId, { pollIntervalMs: 10, timeoutMs: 150 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZixflowWaitTimeoutError);
      expect(error).toMatchObject({ code: 'WAIT_TIMEOUT', lastStatus: 'queued' });
    });

    it('waitForStatus can be aborted', async () => {
      const service = await sms();
      simulator.setPostbackScenario('*', { statuses: [] });
      const { requestId } = await service.send({ recipient: '919876543210', message: 'hi' });
      const controller = new AbortController();
      const waiting = service.waitForStatus(requestId, {
        pollIntervalMs: 10,
        timeoutMs: 5000,
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 30);
      await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
    });
  });

  describe('India DLT', () => {
    const dlt = { templates: [OTP_TEMPLATE], senderIdCheck: true };

    it('sendDlt renders the registered body and fills entity and template ids', async () => {
      const service = await sms({ dlt });
      await service.sendDlt('otp', ['482913', 'Acme'], '919876543210', { senderId: 'ZIXOTP' });
      expect(JSON.parse(simulator.requests[0].rawBody)).toEqual({
        recipient: '919876543210',
        message: 'Your OTP is 482913. Do not share it. - Acme',
        sender_id: 'ZIXOTP',
        route: 'otp',
        dlt_entity_id: '1101000000000000009',
        dlt_template_id: '1107161234567890123',
      });
    });

    it('a send naming a registered template id must match its body; the error names the template and the difference', async () => {
      const service = await sms({ dlt });
      const error = await service
        .send({
          recipient: '919876543210',
          message: 'Your OTP is 482913. Please do not share it. - Acme',
          senderId: 'ZIXOTP',
          route: 'otp',
          dltTemplateId: OTP_TEMPLATE.templateId,
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZixflowValidationError);
      const message = (error as ZixflowValidationError).errors.find((e) => e.field === 'message');
      expect(message?.reasons[0]).toContain('"otp"');
      expect(message?.reasons[0]).toContain('index 20');
      expect(simulator.requests).toHaveLength(0);
    });

    it('checks Indian sender ids and template sender lists before sending', async () => {
      const service = await sms({ dlt });
      const error = await service
        .send({ recipient: '919876543210', message: 'hello', senderId: 'ZX1', route: 'transactional' })
        .catch((e: unknown) => e);
      expect((error as ZixflowValidationError).errors.map((e) => e.field)).toEqual(['senderId']);
      // Non-Indian numbers are not subject to the header rules.
      await service.send({
        recipient: '14155550123',
        message: 'hello',
        senderId: 'ZX1',
        route: 'transactional',
      });
      expect(simulator.requests).toHaveLength(1);
    });

    it('rejects promotional sends outside 09:00-21:00 IST when asked to', async () => {
      const service = await sms({ dlt: { promotionalWindow: 'reject' } });
      jest.useFakeTimers({
        doNotFake: [
          'setTimeout',
          'setImmediate',
          'setInterval',
          'nextTick',
          'queueMicrotask',
          'clearTimeout',
          'clearInterval',
          'clearImmediate',
        ],
      });
      jest.setSystemTime(new Date('2026-03-01T16:00:00Z')); // 21:30 IST
      try {
        const error = await service
          .send({ recipient: '919876543210', message: 'Sale!', senderId: '123456', route: 'promotional' })
          .catch((e: unknown) => e);
        expect((error as ZixflowValidationError).errors[0]).toMatchObject({ field: 'route' });
        expect((error as ZixflowValidationError).message).toContain('2026-03-02T03:30:00.000Z');
        jest.setSystemTime(new Date('2026-03-01T05:00:00Z')); // 10:30 IST
        await service.send({
          recipient: '919876543210',
          message: 'Sale!',
          senderId: '123456',
          route: 'promotional',
        });
      } finally {
        jest.useRealTimers();
      }
      expect(simulator.requests).toHaveLength(1);
    });

    it("with promotionalWindow 'defer', a send outside the window waits (nothing sent) until the window or the signal", async () => {
      const service = await sms({ dlt: { promotionalWindow: 'defer' } });
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
      jest.setSystemTime(new Date('2026-03-01T16:00:00Z')); // 21:30 IST: opens in 11.5 h
      const controller = new AbortController();
      const deferred = service.send(
        { recipient: '919876543210', message: 'Sale!', senderId: '123456', route: 'promotional' },
        { signal: controller.signal },
      );
      const opened = service.send({
        recipient: '919876543211',
        message: 'Sale!',
        senderId: '123456',
        route: 'promotional',
      });
      try {
        await jest.advanceTimersByTimeAsync(11 * 3600_000);
        expect(simulator.requests).toHaveLength(0);
        controller.abort();
        await expect(deferred).rejects.toMatchObject({ code: 'ABORTED', outcome: 'not_sent' });
        await jest.advanceTimersByTimeAsync(30 * 60_000);
      } finally {
        jest.useRealTimers();
      }
      await expect(opened).resolves.toHaveProperty('requestId');
      expect(simulator.requests.map((r) => (r.body as { recipient: string }).recipient)).toEqual([
        '919876543211',
      ]);
    });

    it('bad templates fail at boot', async () => {
      await expect(sms({ dlt: { templates: [{ ...OTP_TEMPLATE, templateId: 'abc' }] } })).rejects.toThrow(
        ZixflowConfigError,
      );
    });
  });

  describe('preview, maxSegments and recipient normalization', () => {
    it('preview counts parts exactly; maxSegments rejects before sending', async () => {
      const service = await sms({ maxSegments: 2 });
      expect(service.preview('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', length: 160, segments: 1 });
      expect(service.preview('€'.repeat(81))).toMatchObject({ encoding: 'GSM-7', length: 162, segments: 2 });
      const error = await service
        .send({ recipient: '919876543210', message: '😀'.repeat(70) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZixflowValidationError);
      expect((error as ZixflowValidationError).errors[0].reasons[0]).toMatch(/3 SMS parts.*UCS-2/);
      expect(simulator.requests).toHaveLength(0);
    });

    it.each(['+91 98765-43210', '098765 43210', '9876543210', '919876543210'])(
      'with defaultCountry IN, %s is sent as 919876543210',
      async (recipient) => {
        const service = await sms({ recipients: { defaultCountry: 'IN' } });
        await service.send({ recipient, message: 'hi' });
        expect(JSON.parse(simulator.requests[0].rawBody).recipient).toBe('919876543210');
      },
    );

    it('with defaultCountry IN, an invalid number is rejected with a reason and not sent', async () => {
      const service = await sms({ recipients: { defaultCountry: 'IN' } });
      const error = await service.send({ recipient: '12345', message: 'hi' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZixflowValidationError);
      expect((error as ZixflowValidationError).errors).toEqual([
        { field: 'recipient', reasons: [expect.any(String)] },
      ]);
      expect(simulator.requests).toHaveLength(0);
    });

    it('without defaultCountry the strict digits rule applies', async () => {
      const service = await sms();
      await expect(service.send({ recipient: '+91 98765-43210', message: 'hi' })).rejects.toThrow(
        ZixflowValidationError,
      );
    });
  });
});
