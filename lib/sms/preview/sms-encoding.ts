import { gsm7Septets } from './gsm7-charset';

/** How a message is encoded on the air: GSM 03.38 septets, or UCS-2 as soon as one character needs it. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsEncodingChoice {
  encoding: SmsEncoding;
  /** Distinct characters (code points) that have no GSM-7 form, in order of first appearance. */
  nonGsmCharacters: string[];
}

/** GSM-7 when every character is in the GSM 03.38 basic or extension table; otherwise UCS-2 for the whole message. */
export function chooseSmsEncoding(text: string): SmsEncodingChoice {
  const nonGsm = new Set<string>();
  for (const char of text) {
    if (gsm7Septets(char) === undefined) nonGsm.add(char);
  }
  return { encoding: nonGsm.size === 0 ? 'GSM-7' : 'UCS-2', nonGsmCharacters: [...nonGsm] };
}

/**
 * What one code point costs: septets in GSM-7, UTF-16 code units in UCS-2 (an emoji is a surrogate pair, 2 units;
 * handsets decode UCS-2 parts as UTF-16).
 */
export function smsUnitCost(char: string, encoding: SmsEncoding): number {
  if (encoding === 'UCS-2') return char.length;
  return gsm7Septets(char) ?? 1;
}
