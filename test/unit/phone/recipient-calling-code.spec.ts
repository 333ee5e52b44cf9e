import fc from 'fast-check';
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { recipientCallingCode } from '../../../lib/phone/recipient-calling-code';

const COUNTRIES = getCountries();

describe('recipientCallingCode', () => {
  it.each([
    ['919876543210', '91'],
    ['447700900123', '44'],
    ['14155552671', '1'],
    ['971501234567', '971'],
  ])('%s -> %s', (recipient, code) => {
    expect(recipientCallingCode(recipient)).toBe(code);
  });

  it('is undefined when no country code starts the number', () => {
    // 999 and 0 are no country's calling code.
    expect(recipientCallingCode('99912345678')).toBeUndefined();
    expect(recipientCallingCode('0123456789')).toBeUndefined();
  });

  it("agrees with libphonenumber-js parsing the whole number, for every country's numbers", () => {
    fc.assert(
      fc.property(fc.constantFrom(...COUNTRIES), fc.stringMatching(/^[0-9]{6,12}$/), (country, national) => {
        const recipient = `${getCountryCallingCode(country)}${national}`;
        const parsed = parsePhoneNumberFromString(`+${recipient}`)?.countryCallingCode;
        expect(recipientCallingCode(recipient)).toBe(parsed ?? getCountryCallingCode(country));
      }),
      { numRuns: 2000 },
    );
  });
});
