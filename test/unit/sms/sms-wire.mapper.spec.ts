import { toSendSmsWireBody } from '../../../lib/sms/sms-wire.mapper';

describe('toSendSmsWireBody', () => {
  it('maps camelCase fields to the documented snake_case body', () => {
    expect(
      toSendSmsWireBody({
        recipient: '919876543210',
        message: 'Hello',
        senderId: 'ZIXFLW',
        route: 'transactional',
        isFlash: false,
        dltEntityId: '1101',
        dltTemplateId: '1107',
        postBackUrl: 'https://example.com/pb',
        postBackData: 'ctx',
      }),
    ).toEqual({
      recipient: '919876543210',
      message: 'Hello',
      sender_id: 'ZIXFLW',
      route: 'transactional',
      is_flash: false,
      dlt_entity_id: '1101',
      dlt_template_id: '1107',
      post_back_url: 'https://example.com/pb',
      post_back_data: 'ctx',
    });
  });

  it('leaves absent optional fields out instead of sending null or undefined', () => {
    const body = toSendSmsWireBody({ recipient: '919876543210', message: 'Hi', senderId: 'S', route: 'otp' });
    expect(JSON.stringify(body)).toBe(
      '{"recipient":"919876543210","message":"Hi","sender_id":"S","route":"otp"}',
    );
  });
});
