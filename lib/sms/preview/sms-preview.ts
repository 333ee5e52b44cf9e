import type { SmsPreview } from './sms-preview.interface';
import { chooseSmsEncoding, smsUnitCost } from './sms-encoding';
import { SMS_SEGMENT_LIMITS } from './sms-segment-limits';

/**
 * Encoding, length and part count of `text`: the parts `splitSms` (packSms) would make, counted without building
 * them (every send previews its text). A pair that would straddle a part boundary moves whole to the next part,
 * so the count is packed, never `length / 153`.
 */
export function previewSms(text: string): SmsPreview {
  const { encoding, nonGsmCharacters } = chooseSmsEncoding(text);
  const limits = SMS_SEGMENT_LIMITS[encoding];
  let length = 0;
  let characters = 0;
  for (const char of text) {
    length += smsUnitCost(char, encoding);
    characters++;
  }
  // The empty message counts as one (empty) part, as in packSms.
  if (length <= limits.single) {
    return { encoding, length, segments: 1, perSegment: limits.single, characters, nonGsmCharacters };
  }
  let segments = 1;
  let used = 0;
  for (const char of text) {
    const cost = smsUnitCost(char, encoding);
    if (used + cost > limits.multipart) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, length, segments, perSegment: limits.multipart, characters, nonGsmCharacters };
}
