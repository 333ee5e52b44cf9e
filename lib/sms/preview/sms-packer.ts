import { chooseSmsEncoding, smsUnitCost, type SmsEncoding } from './sms-encoding';
import { SMS_SEGMENT_LIMITS } from './sms-segment-limits';

export interface SmsPacking {
  encoding: SmsEncoding;
  nonGsmCharacters: string[];
  /** Total units: septets (GSM-7) or UTF-16 code units (UCS-2). */
  length: number;
  /** Code points. */
  characters: number;
  /** Units one part may hold with this many parts: the single-part or multipart limit. */
  perSegment: number;
  /** The text of each part; joined they give back the input. */
  parts: string[];
}

/**
 * Splits by packing code points into parts, the way a sending SMSC does. Written here rather than taken from
 * npm: the popular SMS-length packages are unmaintained and divide the unit count by 153/67, which is wrong
 * whenever an escape pair (ESC + char, 2 septets) or a surrogate pair (2 UTF-16 units) would straddle a part
 * boundary: such a pair moves whole to the next part, so a part may hold only 152 septets or 66 units.
 */
export function packSms(text: string): SmsPacking {
  const { encoding, nonGsmCharacters } = chooseSmsEncoding(text);
  const limits = SMS_SEGMENT_LIMITS[encoding];

  // First pass counts only: most texts fit one part, and need nothing built (every send previews its text).
  let length = 0;
  let characters = 0;
  for (const char of text) {
    length += smsUnitCost(char, encoding);
    characters++;
  }

  // The empty message counts as one (empty) part: nothing can be sent for fewer, and `segments >= 1` lets
  // callers price a message without a special case. Sending it is rejected elsewhere (the DTO).
  if (length <= limits.single) {
    return { encoding, nonGsmCharacters, length, characters, perSegment: limits.single, parts: [text] };
  }

  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of text) {
    const cost = smsUnitCost(char, encoding);
    if (used + cost > limits.multipart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += cost;
  }
  parts.push(current);
  return { encoding, nonGsmCharacters, length, characters, perSegment: limits.multipart, parts };
}
