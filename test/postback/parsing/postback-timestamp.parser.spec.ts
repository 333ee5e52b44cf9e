import fc from 'fast-check';
import { parsePostbackTimestamp } from '../../../lib/postback/parsing/postback-timestamp.parser';

describe('parsePostbackTimestamp', () => {
  it.each([
    ['2026-01-28T17:17:59.254174911Z', '2026-01-28T17:17:59.254Z'],
    ['2026-01-28T17:17:59Z', '2026-01-28T17:17:59.000Z'],
    ['2026-01-28T17:17:59.2Z', '2026-01-28T17:17:59.200Z'],
    ['2026-01-28T17:17:59.25Z', '2026-01-28T17:17:59.250Z'],
    ['2026-01-28T17:17:59.9999999999999Z', '2026-01-28T17:17:59.999Z'],
    ['2026-01-28t17:17:59.254z', '2026-01-28T17:17:59.254Z'],
    ['2026-01-28T22:47:59.254174911+05:30', '2026-01-28T17:17:59.254Z'],
    ['2026-01-28T12:17:59.254-0500', '2026-01-28T17:17:59.254Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
  ])('%s -> %s', (input, iso) => {
    expect(parsePostbackTimestamp(input)?.toISOString()).toBe(iso);
  });

  it('handles two-digit years literally', () => {
    expect(parsePostbackTimestamp('0042-03-04T05:06:07Z')?.getUTCFullYear()).toBe(42);
    // Year 0 is a leap year (1900, which Date.UTC would read it as, is not).
    expect(parsePostbackTimestamp('0000-02-29T00:00:00Z')?.toISOString()).toBe('0000-02-29T00:00:00.000Z');
    expect(parsePostbackTimestamp('0100-01-01T00:30:00+01:00')?.toISOString()).toBe(
      '0099-12-31T23:30:00.000Z',
    );
  });

  it('reads any valid date-time as the engine reads its ISO form (property)', () => {
    const two = (n: number): string => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.stringMatching(/^[0-9]{0,12}$/),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (date, digits, offset) => {
          const fraction = digits === '' ? '' : `.${digits}`;
          const sign = offset < 0 ? '-' : '+';
          const zone = `${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
          const text = `${date.toISOString().slice(0, 19)}${fraction}${zone}`;
          const iso = `${date.toISOString().slice(0, 19)}.${(digits + '000').slice(0, 3)}${zone}`;
          expect(parsePostbackTimestamp(text)?.getTime()).toBe(Date.parse(iso));
        },
      ),
    );
  });

  it.each([
    '',
    '2026-01-28',
    '2026-01-28T17:17:59',
    '2026-01-28 17:17:59Z',
    '2026-02-29T00:00:00Z',
    '2100-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-01-28T24:00:00Z',
    '2026-01-28T17:60:00Z',
    '2026-12-31T23:59:60Z',
    '2026-01-28T17:17:59.Z',
    '2026-01-28T17:17:59+24:00',
    '2026-01-28T17:17:59.254174911ZZ',
    '+002026-01-28T17:17:59Z',
    '1769620679254',
  ])('rejects %j', (input) => {
    expect(parsePostbackTimestamp(input)).toBeUndefined();
  });
});
