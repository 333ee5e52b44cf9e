import { JsonNumberLiteral } from './json-number-literal';
import { jsonStringEnd } from './json-string-end';

const QUOTE = 0x22;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** parseJsonFast's answer when objects/arrays nest deeper than allowed (exceedsJsonDepth would say so). */
export const JSON_TOO_DEEP = Symbol('json too deep');

/** First char of a string that stood for a number literal (U+0001: no JSON string holds it unescaped). */
const MARK_CODE = 0x01;
/** The only way a string in the source can start with the mark; such rare bodies take the reference path. */
const MARK_ESCAPE = '\\u0001';
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

const isNumberChar = (c: number): boolean =>
  (c >= DIGIT_0 && c <= DIGIT_9) || c === MINUS || c === PLUS || c === DOT || c === LOWER_E || c === UPPER_E;

interface Marked {
  source: string;
  /** Colons outside strings: one per object member in valid JSON. */
  colons: number;
}

/** Why the fast path gives up: the reference parser decides (and reports) instead. */
const DEFER = undefined;

/**
 * Lossless JSON through the engine's JSON.parse, several times faster than a JavaScript parser: every
 * number literal outside strings is rewritten as the string `"\u0001<literal>"` before parsing, then
 * turned back into a JsonNumberLiteral. Returns undefined (caller uses the reference parser) whenever it
 * cannot vouch for giving exactly the reference result:
 * - the source contains the escape `\u0001` (a real string could then start with the mark);
 * - a run of number characters is not one JSON number (`01`, `1.`, `-`, `1-2`: invalid JSON anyway);
 * - JSON.parse refuses the rewritten text (invalid JSON: the reference produces the error);
 * - a key carries the mark (a number used as a key, invalid JSON);
 * - fewer keys than colons (a duplicate key, which JSON.parse would silently collapse).
 * Rewriting a valid number token into a string token at the same place changes no other token, and a
 * string is valid wherever a number is except as a key, which the last two checks catch.
 * The same pass measures nesting exactly as exceedsJsonDepth does, so JSON_TOO_DEEP stands for it; when
 * the pass stops early (undefined), the caller runs exceedsJsonDepth before the reference parser.
 */
export function parseJsonFast(text: string, maxDepth: number): unknown {
  if (text.includes(MARK_ESCAPE)) return DEFER;
  const marked = markNumbers(text, maxDepth);
  if (marked === DEFER || marked === JSON_TOO_DEEP) return marked;
  let value: unknown;
  try {
    value = JSON.parse(marked.source);
  } catch {
    return DEFER;
  }
  const keys = { count: 0 };
  const restored = restoreNumbers(value, keys);
  return restored === undefined || keys.count !== marked.colons ? DEFER : restored;
}

function markNumbers(text: string, maxDepth: number): Marked | typeof JSON_TOO_DEEP | undefined {
  let source = '';
  let copied = 0;
  let colons = 0;
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = jsonStringEnd(text, i);
      if (i < 0) return DEFER;
    } else if (c === COLON) {
      colons++;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return JSON_TOO_DEEP;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    } else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
      const start = i;
      while (i + 1 < length && isNumberChar(text.charCodeAt(i + 1))) i++;
      const literal = text.slice(start, i + 1);
      if (!NUMBER.test(literal)) return DEFER;
      source += `${text.slice(copied, start)}"${MARK_ESCAPE}${literal}"`;
      copied = i + 1;
    }
  }
  return { source: copied === 0 ? text : source + text.slice(copied), colons };
}

/**
 * Replaces marked strings by JsonNumberLiterals, in place, counting keys. Undefined when a key is marked.
 * Recursion is bounded: the caller checked the nesting depth first.
 */
function restoreNumbers(value: unknown, keys: { count: number }): unknown {
  if (typeof value === 'string') {
    return value.charCodeAt(0) === MARK_CODE ? new JsonNumberLiteral(value.slice(1)) : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = restoreNumbers(value[i], keys);
      if (item === undefined) return undefined;
      value[i] = item;
    }
    return value;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (key.charCodeAt(0) === MARK_CODE) return undefined;
    keys.count++;
    const item = restoreNumbers(object[key], keys);
    if (item === undefined) return undefined;
    // An own `__proto__` data property (JSON.parse makes one) is set by plain assignment, not the prototype.
    object[key] = item;
  }
  return object;
}
