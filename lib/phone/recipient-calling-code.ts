import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max';

/** Every country's calling code, built on first use. Calling codes are prefix-free, so one at most matches. */
let callingCodes: ReadonlySet<string> | undefined;

/**
 * The country calling code of a recipient as sent to Zixflow (digits with their country code, e.g. `91` for
 * `919876543210`), or undefined when no country's code starts it. Says where a message went, never to whom.
 * A set look-up per prefix length: parsing the whole number costs about 3 µs, this well under one.
 */
export function recipientCallingCode(recipient: string): string | undefined {
  callingCodes ??= new Set(getCountries().map((country) => getCountryCallingCode(country)));
  for (let length = 1; length <= 3 && length < recipient.length; length++) {
    const prefix = recipient.slice(0, length);
    if (callingCodes.has(prefix)) return prefix;
  }
  return undefined;
}
