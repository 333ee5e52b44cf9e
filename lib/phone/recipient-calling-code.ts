import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * The country calling code of a recipient as sent to Zixflow (digits with their country code, e.g. `91` for
 * `919876543210`), or undefined when no known code starts it. Says where a message went, never to whom.
 */
export function recipientCallingCode(recipient: string): string | undefined {
  return parsePhoneNumberFromString(`+${recipient}`)?.countryCallingCode;
}
