/**
 * GSM 03.38 default alphabet, as text. The basic table is listed in code order (0x00–0x7F) minus ESC (0x1B),
 * which is never text; the extension table holds the characters sent as ESC + code, so they cost 2 septets.
 * National language shift tables (Turkish, Indian scripts, ...) are not used: Zixflow documents only GSM-7
 * and UCS-2.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅå' +
  'Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ' +
  ' !"#¤%&\'()*+,-./' +
  '0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNO' +
  'PQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmno' +
  'pqrstuvwxyzäöñüà';

/** Form feed, ^ { } \ [ ~ ] | € */
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

/** Every basic-table character, for tests and documentation. */
export const GSM7_BASIC_CHARACTERS: readonly string[] = [...GSM7_BASIC];
/** Every extension-table character (each costs 2 septets). */
export const GSM7_EXTENSION_CHARACTERS: readonly string[] = [...GSM7_EXTENSION];

/** Septets one code point costs in GSM-7: 1 (basic), 2 (extension), or undefined when it has no GSM-7 form. */
export function gsm7Septets(char: string): 1 | 2 | undefined {
  if (BASIC.has(char)) return 1;
  if (EXTENSION.has(char)) return 2;
  return undefined;
}
