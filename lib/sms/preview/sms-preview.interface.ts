import type { SmsEncoding } from './sms-encoding';

/** How a text will travel as SMS: its encoding, size and number of billed parts. */
export interface SmsPreview {
  encoding: SmsEncoding;
  /** In encoding units: septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  length: number;
  /** Parts the message is sent (and billed) as; 1 for the empty string. */
  segments: number;
  /** Units per part at this size: 160 or 153 for GSM-7, 70 or 67 for UCS-2. */
  perSegment: number;
  /** Code points, so an emoji counts 1 (a flag or a ZWJ sequence counts as its several code points). */
  characters: number;
  /** Distinct characters that force UCS-2, in order of first appearance; empty for GSM-7. */
  nonGsmCharacters: string[];
}
