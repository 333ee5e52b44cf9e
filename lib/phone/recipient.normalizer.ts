// The `max` metadata validates each country's number ranges, not just lengths, so typos such as a wrong
// leading digit are caught before a paid send; its extra ~75 kB (157 kB vs 83 kB) does not matter on a server.
import {
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/max';
import { ZixflowValidationError } from '../errors';
import { resolveRecipientCountry } from './recipient-country';

/** Separators people type in phone numbers; anything else except digits and a leading + is refused. */
const SEPARATORS = /[\s\-.()]/g;
const CHARACTERS = 'may contain only digits, spaces, dashes, dots, parentheses and a leading +';

/**
 * `input` as Zixflow wants a recipient: country code and number, digits only, no `+` (e.g. `919876543210`).
 *
 * With `defaultCountry` (e.g. `IN`), national numbers (`098765 43210`, `9876543210`), numbers already carrying
 * that country's code (`919876543210`) and international ones (`+44 ...`, `0044 ...`, which keep their own
 * country) are parsed and validated with libphonenumber-js. Without it there is no way to tell a national number
 * from an international one, so the input is only cleaned: separators and a leading `+` or `00` removed, then
 * 8 to 15 digits required (E.164 allows at most 15).
 *
 * Throws `ZixflowValidationError` (field `recipient`); the reasons never repeat the number, which is personal data.
 * Throws `ZixflowConfigError` when `defaultCountry` is not a supported country code.
 */
export function normalizeRecipient(input: string, defaultCountry?: string): string {
  const country = defaultCountry === undefined ? undefined : resolveRecipientCountry(defaultCountry);
  const trimmed = typeof input === 'string' ? input.trim() : '';
  if (typeof input !== 'string') fail('must be a string');
  if (trimmed === '') fail('is empty');
  // Separators go first so that `(+91) 98765 43210` still counts as a leading +.
  const compact = trimmed.replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) fail(CHARACTERS);
  // 00 is the international prefix nearly everywhere; treating it as + keeps such numbers in their own country.
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  return country === undefined
    ? cleanWithoutCountry(international)
    : parseWithCountry(international, country);
}

function cleanWithoutCountry(number: string): string {
  const digits = number.startsWith('+') ? number.slice(1) : number;
  if (digits.startsWith('0')) {
    fail(
      'must start with a country code, not 0 (or set recipients.defaultCountry to accept national numbers)',
    );
  }
  if (digits.length < 8 || digits.length > 15) {
    fail(`has ${digits.length} digits; a number with its country code has 8 to 15`);
  }
  return digits;
}

function parseWithCountry(number: string, country: CountryCode): string {
  const phone = parsePhoneNumberFromString(number, country);
  if (phone?.isValid()) return phone.number.slice(1);

  const where = phone?.country ?? (number.startsWith('+') ? undefined : country);
  const region = where ?? (phone ? `+${phone.countryCallingCode}` : 'any country');
  switch (validatePhoneNumberLength(number, country)) {
    case 'NOT_A_NUMBER':
      return fail('is not a phone number');
    case 'INVALID_COUNTRY':
      return fail('does not start with a known country calling code');
    case 'TOO_SHORT':
      return fail(`is too short for ${region}`);
    case 'TOO_LONG':
      return fail(`is too long for ${region}`);
    case 'INVALID_LENGTH':
      return fail(`has the wrong number of digits for ${region}`);
    default:
      return fail(`is not a valid phone number for ${region}`);
  }
}

function fail(reason: string): never {
  throw new ZixflowValidationError([{ field: 'recipient', reasons: [reason] }]);
}
