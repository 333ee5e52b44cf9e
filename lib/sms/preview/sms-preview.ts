import type { SmsPreview } from './sms-preview.interface';
import { packSms } from './sms-packer';

/** Encoding, length and part count of `text`, computed by actually packing it into parts (see `splitSms`). */
export function previewSms(text: string): SmsPreview {
  const { encoding, length, parts, perSegment, characters, nonGsmCharacters } = packSms(text);
  return { encoding, length, segments: parts.length, perSegment, characters, nonGsmCharacters };
}
