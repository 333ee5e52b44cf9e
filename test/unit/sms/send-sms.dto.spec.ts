import 'reflect-metadata';
import { ZixflowValidationError } from '../../../lib/errors';
import { SendSmsDto } from '../../../lib/sms/dto/send-sms.dto';
import { validateInput } from '../../../lib/sms/validate-input';

const valid = {
  recipient: '919876543210',
  message: 'Hello',
  senderId: 'ZIXFLW',
  route: 'transactional',
};

function fieldsOf(input: unknown): string[] {
  try {
    validateInput(SendSmsDto, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ZixflowValidationError);
    return (error as ZixflowValidationError).errors.map((e) => e.field);
  }
  return [];
}

describe('SendSmsDto validation', () => {
  it('accepts a minimal valid send', () => {
    expect(fieldsOf(valid)).toEqual([]);
  });

  it('accepts every optional field when well formed', () => {
    expect(
      fieldsOf({
        ...valid,
        isFlash: true,
        dltEntityId: '1101234567890123456',
        dltTemplateId: '1107161234567890123',
        postBackUrl: 'https://example.com/webhooks/zixflow?x=1',
        postBackData: 'order-42',
      }),
    ).toEqual([]);
  });

  it.each`
    field              | value                    | why
    ${'recipient'}     | ${'+919876543210'}       | ${'leading plus'}
    ${'recipient'}     | ${'91 98765 43210'}      | ${'spaces'}
    ${'recipient'}     | ${'9198765-43210'}       | ${'dash'}
    ${'recipient'}     | ${'1234567'}             | ${'7 digits, too short'}
    ${'recipient'}     | ${'1234567890123456'}    | ${'16 digits, too long'}
    ${'recipient'}     | ${919876543210}          | ${'a number, not a string'}
    ${'recipient'}     | ${undefined}             | ${'missing'}
    ${'message'}       | ${''}                    | ${'empty'}
    ${'message'}       | ${undefined}             | ${'missing'}
    ${'message'}       | ${42}                    | ${'not a string'}
    ${'senderId'}      | ${''}                    | ${'empty'}
    ${'senderId'}      | ${7}                     | ${'not a string'}
    ${'route'}         | ${'marketing'}           | ${'not a route'}
    ${'route'}         | ${'OTP'}                 | ${'wrong case'}
    ${'isFlash'}       | ${'true'}                | ${'string, not boolean'}
    ${'dltEntityId'}   | ${'11012abc'}            | ${'letters'}
    ${'dltEntityId'}   | ${1101234567}            | ${'a number'}
    ${'dltTemplateId'} | ${'1107-16'}             | ${'dash'}
    ${'postBackUrl'}   | ${'ftp://example.com/x'} | ${'not http(s)'}
    ${'postBackUrl'}   | ${'example.com/x'}       | ${'no protocol'}
    ${'postBackUrl'}   | ${'not a url'}           | ${'garbage'}
    ${'postBackData'}  | ${{ id: 1 }}             | ${'an object'}
  `('rejects $field = $value ($why)', ({ field, value }: { field: string; value: unknown }) => {
    expect(fieldsOf({ ...valid, [field]: value })).toEqual([field]);
  });

  it('reports every failing field at once, with reasons', () => {
    try {
      validateInput(SendSmsDto, { recipient: '+1', message: '', route: 'x', sender_id: 'ABC' });
      throw new Error('expected a validation error');
    } catch (error) {
      const e = error as ZixflowValidationError;
      expect(e.code).toBe('VALIDATION');
      expect(e.errors.map((f) => f.field).sort()).toEqual(['message', 'recipient', 'route', 'sender_id']);
      expect(e.message).toContain('recipient must be 8 to 15 digits');
      expect(e.errors.find((f) => f.field === 'sender_id')?.reasons[0]).toMatch(/should not exist/);
    }
  });

  it('rejects input that is not an object', () => {
    expect(fieldsOf(null)).toEqual(['(input)']);
    expect(fieldsOf('919876543210')).toEqual(['(input)']);
    expect(fieldsOf([valid])).toEqual(['(input)']);
  });

  it('fills defaults only where the input leaves a field undefined', () => {
    const dto = validateInput(
      SendSmsDto,
      { recipient: '919876543210', message: 'Hi', route: 'otp' },
      { defaults: { senderId: 'DEFSND', route: 'promotional' } as Partial<SendSmsDto> },
    );
    expect(dto.senderId).toBe('DEFSND');
    expect(dto.route).toBe('otp');
  });
});
