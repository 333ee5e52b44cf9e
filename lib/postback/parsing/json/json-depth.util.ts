import { jsonStringEnd } from './json-string-end';

const QUOTE = 0x22;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * True when objects/arrays in `text` nest deeper than `maxDepth`. One linear pass, run before the
 * (recursive) JSON parser so hostile nesting costs a 400 instead of a stack overflow. Exact on every
 * prefix the parser would accept, which is all that matters: it stops at the first syntax error.
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = jsonStringEnd(text, i);
      // An unterminated string runs to the end: nothing after it nests.
      if (i < 0) return false;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}
