import { JSON_NUMBER_SOURCE, JsonNumberLiteral, type LiteralJsonObject } from './json-number-literal';

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const BACKSLASH = 0x5c;
const LOWER_E = 0x65;
const LOWER_F = 0x66;
const LOWER_N = 0x6e;
const LOWER_T = 0x74;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** A control character (never valid unescaped in a string) or a backslash (an escape) anywhere. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const CONTROL_OR_ESCAPE = /[\u0000-\u001f\\]/;
const NUMBER = new RegExp(`^${JSON_NUMBER_SOURCE}$`);

/** Why the scanner gives up: the reference parser decides (and reports) instead. */
const DEFER = undefined;

const isWhitespace = (c: number): boolean =>
  c === SPACE || c === LINE_FEED || c === CARRIAGE_RETURN || c === TAB;

const isNumberChar = (c: number): boolean =>
  (c >= DIGIT_0 && c <= DIGIT_9) || c === MINUS || c === PLUS || c === DOT || c === LOWER_E || c === UPPER_E;

/** The scanner's position and the value it just read; one per call, so the scanner holds no state. */
class Cursor {
  at = 0;
  value: unknown = undefined;
  /** No control character nor backslash in the whole text: every string ends at the next quote. */
  private readonly plain: boolean;

  constructor(readonly text: string) {
    this.plain = !CONTROL_OR_ESCAPE.test(text);
  }

  skipWhitespace(): number {
    const { text } = this;
    let at = this.at;
    while (at < text.length && isWhitespace(text.charCodeAt(at))) at++;
    this.at = at;
    return at < text.length ? text.charCodeAt(at) : -1;
  }

  /** At an opening quote: reads the string into `value`. False when it is not one valid JSON string. */
  readString(): boolean {
    const { text } = this;
    const open = this.at;
    if (this.plain) {
      const close = text.indexOf('"', open + 1);
      if (close < 0) return false;
      this.value = text.slice(open + 1, close);
      this.at = close + 1;
      return true;
    }
    let escaped = false;
    for (let at = open + 1; at < text.length; at++) {
      const c = text.charCodeAt(at);
      if (c === QUOTE) {
        this.at = at + 1;
        if (!escaped) {
          this.value = text.slice(open + 1, at);
          return true;
        }
        // Escapes are rare in postbacks: the engine decodes (and validates) them exactly.
        try {
          this.value = JSON.parse(text.slice(open, at + 1));
          return true;
        } catch {
          return false;
        }
      }
      if (c === BACKSLASH) {
        escaped = true;
        at++;
      } else if (c < SPACE) {
        return false;
      }
    }
    return false;
  }

  /** At `-` or a digit: reads one JSON number into `value` as its literal. */
  readNumber(): boolean {
    const { text } = this;
    const start = this.at;
    let at = start + 1;
    while (at < text.length && isNumberChar(text.charCodeAt(at))) at++;
    const literal = text.slice(start, at);
    if (!NUMBER.test(literal)) return false;
    this.at = at;
    this.value = new JsonNumberLiteral(literal);
    return true;
  }

  readWord(word: string, value: true | false | null): boolean {
    if (!this.text.startsWith(word, this.at)) return false;
    this.at += word.length;
    this.value = value;
    return true;
  }

  readValue(c: number): boolean {
    if (c === QUOTE) return this.readString();
    if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) return this.readNumber();
    if (c === LOWER_T) return this.readWord('true', true);
    if (c === LOWER_F) return this.readWord('false', false);
    if (c === LOWER_N) return this.readWord('null', null);
    // An object or array inside: not flat.
    return false;
  }
}

/**
 * A flat postback body in one pass: a single JSON object whose values are strings, numbers (kept as
 * JsonNumberLiterals), booleans or null. For bodies the documented-layout pattern does not take (members
 * reordered, added or missing, strings with escapes). Returns exactly what the reference parser
 * (parseLosslessJson) returns for such text, or undefined whenever it cannot vouch for that, and the
 * reference then decides: nested objects or arrays, any syntax error, a repeated key (the reference
 * refuses conflicting ones), and a `__proto__` key (the reference keeps it as an own property).
 */
export function scanFlatJsonObject(text: string): LiteralJsonObject | undefined {
  const cursor = new Cursor(text);
  if (cursor.skipWhitespace() !== OPEN_BRACE) return DEFER;
  cursor.at++;
  const object: LiteralJsonObject = {};
  let members = 0;
  let c = cursor.skipWhitespace();
  if (c === CLOSE_BRACE) {
    cursor.at++;
    return cursor.skipWhitespace() === -1 ? object : DEFER;
  }
  for (;;) {
    if (c !== QUOTE || !cursor.readString()) return DEFER;
    const key = cursor.value as string;
    if (cursor.skipWhitespace() !== COLON) return DEFER;
    cursor.at++;
    if (!cursor.readValue(cursor.skipWhitespace())) return DEFER;
    object[key] = cursor.value;
    members++;
    c = cursor.skipWhitespace();
    cursor.at++;
    if (c === CLOSE_BRACE) break;
    if (c !== COMMA) return DEFER;
    c = cursor.skipWhitespace();
  }
  // Fewer own keys than members: a key was repeated (the later value overwrote the earlier), or was
  // `__proto__`, whose assignment never makes an own property (a scalar cannot even become the prototype).
  return cursor.skipWhitespace() === -1 && Object.keys(object).length === members ? object : DEFER;
}
