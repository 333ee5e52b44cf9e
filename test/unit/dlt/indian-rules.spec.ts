import { checkIndianSenderId, isIndianRecipient, promotionalWindowStatus } from '../../../lib/dlt';
import { ZixflowValidationError } from '../../../lib/errors';
import { SmsRoute } from '../../../lib/sms/sms-route.enum';

describe('checkIndianSenderId', () => {
  it.each([
    ['123456', 'promotional'],
    ['ACMEIN', 'transactional'],
    ['AcmeIn', 'otp'],
    ['ACMEIN', SmsRoute.Otp],
  ] as const)('accepts %s for %s', (senderId, route) => {
    expect(checkIndianSenderId(senderId, route)).toBeNull();
  });

  it.each([
    ['ACMEIN', 'promotional', ['a promotional header must be numeric (6 digits), "ACMEIN" is not']],
    ['123456', 'transactional', ['a transactional header must be alphabetic (6 letters), "123456" is not']],
    ['ACME1N', 'otp', ['an OTP header must be alphabetic (6 letters), "ACME1N" is not']],
    ['ACME', 'otp', ['an Indian sender id (header) must be exactly 6 characters, "ACME" has 4']],
    [
      '1234567',
      'promotional',
      ['an Indian sender id (header) must be exactly 6 characters, "1234567" has 7'],
    ],
    [
      'ACME-INDIA',
      'transactional',
      [
        'an Indian sender id (header) must be exactly 6 characters, "ACME-INDIA" has 10',
        'a transactional header must be alphabetic (6 letters), "ACME-INDIA" is not',
      ],
    ],
    ['', 'otp', ['an Indian sender id (header) must be exactly 6 characters, "" has 0']],
  ] as const)('rejects %j for %s', (senderId, route, reasons) => {
    expect(checkIndianSenderId(senderId, route)).toEqual(reasons);
  });
});

describe('isIndianRecipient', () => {
  it.each([
    ['919876543210', true],
    ['91987654321', false],
    ['9198765432101', false],
    ['449876543210', false],
    ['+919876543210', false],
    ['9876543210', false],
  ])('%s -> %s', (recipient, indian) => {
    expect(isIndianRecipient(recipient)).toBe(indian);
  });
});

describe('promotionalWindowStatus', () => {
  // Wall-clock time in IST, expressed as an instant.
  const ist = (isoLocal: string): Date => new Date(`${isoLocal}+05:30`);

  it.each([
    ['2025-03-10T08:59:59', false, '2025-03-10T09:00:00', '2025-03-10T21:00:00'],
    ['2025-03-10T09:00:00', true, '2025-03-11T09:00:00', '2025-03-10T21:00:00'],
    ['2025-03-10T20:59:59', true, '2025-03-11T09:00:00', '2025-03-10T21:00:00'],
    ['2025-03-10T21:00:00', false, '2025-03-11T09:00:00', '2025-03-11T21:00:00'],
    ['2025-03-10T23:59:59', false, '2025-03-11T09:00:00', '2025-03-11T21:00:00'],
    ['2025-03-11T00:00:00', false, '2025-03-11T09:00:00', '2025-03-11T21:00:00'],
    ['2025-12-31T22:30:00', false, '2026-01-01T09:00:00', '2026-01-01T21:00:00'],
    ['2024-02-28T21:00:01', false, '2024-02-29T09:00:00', '2024-02-29T21:00:00'],
    ['1969-12-31T10:00:00', true, '1970-01-01T09:00:00', '1969-12-31T21:00:00'],
  ])('at %s IST: open=%s, opens %s, closes %s', (now, open, opensAt, closesAt) => {
    expect(promotionalWindowStatus(ist(now))).toEqual({
      open,
      opensAt: ist(opensAt),
      closesAt: ist(closesAt),
    });
  });

  it('handles the UTC day differing from the IST day', () => {
    // 19:00 UTC on the 10th is 00:30 IST on the 11th.
    expect(promotionalWindowStatus(new Date('2025-03-10T19:00:00Z'))).toEqual({
      open: false,
      opensAt: new Date('2025-03-11T03:30:00Z'),
      closesAt: new Date('2025-03-11T15:30:00Z'),
    });
  });

  it('rejects an invalid date', () => {
    expect(() => promotionalWindowStatus(new Date('nope'))).toThrow(ZixflowValidationError);
  });
});
