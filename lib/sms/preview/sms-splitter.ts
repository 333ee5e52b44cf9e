import { packSms } from './sms-packer';

/**
 * The parts `text` is sent as. Joined they give back `text`; an escape pair or an emoji is never cut in two.
 * The empty string gives `['']` (one empty part), matching `previewSms('').segments === 1`.
 */
export function splitSms(text: string): string[] {
  return packSms(text).parts;
}
