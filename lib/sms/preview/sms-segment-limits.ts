import type { SmsEncoding } from './sms-encoding';

/**
 * Units one SMS part holds. A multipart message loses 6 bytes of each part to the concatenation header (UDH),
 * hence 153 septets / 67 UCS-2 units instead of 160 / 70.
 */
export const SMS_SEGMENT_LIMITS: Readonly<Record<SmsEncoding, { single: number; multipart: number }>> = {
  'GSM-7': { single: 160, multipart: 153 },
  'UCS-2': { single: 70, multipart: 67 },
};
