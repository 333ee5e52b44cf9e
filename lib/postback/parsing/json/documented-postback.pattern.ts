import { JSON_NUMBER_SOURCE, JsonNumberLiteral } from './json-number-literal';

/** The members of a postback as Zixflow documents it, in the order it writes them. */
export const DOCUMENTED_POSTBACK_FIELDS = [
  'workspace_id',
  'type',
  'message_id',
  'request_id',
  'channel',
  'recipient',
  'status',
  'remark',
  'status_at',
  'post_back_data',
] as const;

/** JSON's four whitespace characters, any number of them. */
const WS = '[ \\t\\n\\r]*';
/**
 * One member value, in three capture groups: a string without escapes or control characters (its
 * content), a JSON number (its literal), or true/false/null. Strings with escapes are left to lossless-json.
 */
const VALUE = '(?:"([^"\\\\\\u0000-\\u001f]*)"' + `|(${JSON_NUMBER_SOURCE})` + '|(true|false|null))';

const DOCUMENTED_POSTBACK = new RegExp(
  `^${WS}\\{${DOCUMENTED_POSTBACK_FIELDS.map((key) => `${WS}"${key}"${WS}:${WS}${VALUE}${WS}`).join(',')}\\}${WS}$`,
);

const WORDS: Readonly<Record<string, boolean | null>> = { true: true, false: false, null: null };

/**
 * The values of a body in exactly the documented layout (DOCUMENTED_POSTBACK_FIELDS, in that order, each
 * once, flat, strings free of escapes), by position: strings, JsonNumberLiterals, booleans or null. The
 * same values the reference parser gives such a body, found by one anchored pattern that only valid JSON
 * can match. Undefined for any other body, which the reference parser (lossless-json) then reads.
 */
export function matchDocumentedPostback(text: string): unknown[] | undefined {
  const match = DOCUMENTED_POSTBACK.exec(text);
  if (match === null) return undefined;
  const values = new Array<unknown>(DOCUMENTED_POSTBACK_FIELDS.length);
  for (let i = 0; i < values.length; i++) {
    const string = match[1 + 3 * i];
    const number = match[2 + 3 * i];
    values[i] =
      string !== undefined
        ? string
        : number !== undefined
          ? new JsonNumberLiteral(number)
          : WORDS[match[3 + 3 * i]];
  }
  return values;
}
