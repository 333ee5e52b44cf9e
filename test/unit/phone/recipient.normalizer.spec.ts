import { ZixflowConfigError, ZixflowValidationError } from '../../../lib/errors';
import { normalizeRecipient, resolveRecipientCountry } from '../../../lib/phone';

function reasonFor(input: string, country?: string): string {
  try {
    normalizeRecipient(input, country);
  } catch (err) {
    if (err instanceof ZixflowValidationError) {
      expect(err.errors).toHaveLength(1);
      expect(err.errors[0].field).toBe('recipient');
      return err.errors[0].reasons.join('; ');
    }
    throw err;
  }
  throw new Error(`expected ${input} to be rejected`);
}

describe('normalizeRecipient with a default country', () => {
  it.each([
    ['+91 98765-43210', '919876543210'],
    ['098765 43210', '919876543210'],
    ['9876543210', '919876543210'],
    ['919876543210', '919876543210'],
    ['+919876543210', '919876543210'],
    ['0091 98765 43210', '919876543210'],
    ['(+91) 98765.43210', '919876543210'],
    ['  98765 43210  ', '919876543210'],
    ['+44 7911 123456', '447911123456'],
    ['0044 7911 123456', '447911123456'],
    ['+1 (212) 555-0100', '12125550100'],
    ['+971 50 123 4567', '971501234567'],
  ])('IN: %j -> %s', (input, expected) => {
    expect(normalizeRecipient(input, 'IN')).toBe(expected);
  });

  it('accepts the country code in any case', () => {
    expect(normalizeRecipient('9876543210', 'in')).toBe('919876543210');
  });

  it('parses national numbers of other default countries', () => {
    expect(normalizeRecipient('07911 123456', 'GB')).toBe('447911123456');
    expect(normalizeRecipient('(212) 555-0100', 'US')).toBe('12125550100');
  });

  it.each([
    ['12345', 'IN', 'is too short for IN'],
    ['98765', 'IN', 'is too short for IN'],
    ['98765432101234', 'IN', 'is too long for IN'],
    ['91987654321', 'IN', 'is not a valid phone number for IN'],
    ['0123456789', 'IN', 'is not a valid phone number for IN'],
    ['+44 1234', 'IN', 'is too short for +44'],
    ['+999 12345678', 'IN', 'does not start with a known country calling code'],
    ['98765 4321O', 'IN', 'may contain only digits, spaces, dashes, dots, parentheses and a leading +'],
    [
      '+91 98765 43210 ext 1',
      'IN',
      'may contain only digits, spaces, dashes, dots, parentheses and a leading +',
    ],
    ['98+7654321', 'IN', 'may contain only digits, spaces, dashes, dots, parentheses and a leading +'],
    ['', 'IN', 'is empty'],
    ['   ', 'IN', 'is empty'],
  ])('rejects %j (default %s): %s', (input, country, reason) => {
    expect(reasonFor(input, country)).toBe(reason);
  });

  it('never repeats the number in the error', () => {
    expect(reasonFor('91987654321', 'IN')).not.toContain('987654');
  });

  it('throws ZixflowConfigError for an unsupported default country', () => {
    expect(() => normalizeRecipient('9876543210', 'XX')).toThrow(ZixflowConfigError);
    expect(() => resolveRecipientCountry('India')).toThrow('recipients.defaultCountry must be');
    expect(resolveRecipientCountry(' in ')).toBe('IN');
  });
});

describe('normalizeRecipient without a default country', () => {
  it.each([
    ['919876543210', '919876543210'],
    ['+91 98765-43210', '919876543210'],
    ['0091 (98765) 43210', '919876543210'],
    ['+44 7911 123456', '447911123456'],
    ['12345678', '12345678'],
    ['123456789012345', '123456789012345'],
  ])('%j -> %s', (input, expected) => {
    expect(normalizeRecipient(input)).toBe(expected);
  });

  it.each([
    ['1234567', 'has 7 digits; a number with its country code has 8 to 15'],
    ['1234567890123456', 'has 16 digits; a number with its country code has 8 to 15'],
    [
      '098765 43210',
      'must start with a country code, not 0 (or set recipients.defaultCountry to accept national numbers)',
    ],
    ['++919876543210', 'may contain only digits, spaces, dashes, dots, parentheses and a leading +'],
    ['91-98765-ABCDE', 'may contain only digits, spaces, dashes, dots, parentheses and a leading +'],
    ['', 'is empty'],
  ])('rejects %j: %s', (input, reason) => {
    expect(reasonFor(input)).toBe(reason);
  });

  it('rejects non-string input from JavaScript callers', () => {
    expect(reasonFor(919876543210 as unknown as string)).toBe('must be a string');
  });
});
