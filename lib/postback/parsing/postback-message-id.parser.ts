const UINT64_MAX = '18446744073709551615';
const CANONICAL_DIGITS = /^(?:0|[1-9][0-9]*)$/;

/**
 * Checks the literal text of `message_id` (a JSON number's source text, or a JSON string) and returns it,
 * or undefined when it is not an unsigned 64-bit integer in canonical decimal form.
 * Refused: sign, fraction (even `.0`), exponent, leading zeros, non-digits, anything above 2^64-1 (the
 * docs say 64-bit; a larger value would be a different id scheme we should notice, not silently pass on).
 */
export function parsePostbackMessageId(text: string): string | undefined {
  if (text.length === 0 || text.length > UINT64_MAX.length || !CANONICAL_DIGITS.test(text)) return undefined;
  // Same length, no leading zeros: string order is numeric order, no BigInt needed.
  if (text.length === UINT64_MAX.length && text > UINT64_MAX) return undefined;
  return text;
}
