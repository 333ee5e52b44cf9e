import fc from 'fast-check';
import { ZixflowPostbackRejectedError } from '../../../lib/errors/zixflow-postback-rejected.error';
import {
  DOCUMENTED_POSTBACK_FIELDS,
  matchDocumentedPostback,
} from '../../../lib/postback/parsing/json/documented-postback.pattern';
import { parseLosslessJson } from '../../../lib/postback/parsing/json/lossless-json-object.parser';
import { parsePostbackPayload } from '../../../lib/postback/parsing/postback-payload.parser';
import { DOCS_EXAMPLE_BODY, DOCS_FIELDS, postbackBody } from '../postback-body.fixture';

/** What the reference parser makes of `text`, as the pattern reports it: values by documented position. */
function referenceValues(text: string): unknown[] | undefined {
  let parsed: unknown;
  try {
    parsed = parseLosslessJson(text);
  } catch (error) {
    if (error instanceof ZixflowPostbackRejectedError) return undefined;
    throw error;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const keys = Object.keys(parsed);
  if (keys.join('\n') !== DOCUMENTED_POSTBACK_FIELDS.join('\n')) return undefined;
  return keys.map((key) => (parsed as Record<string, unknown>)[key]);
}

let matched = 0;

/** When the pattern answers, the text is valid JSON in exactly the documented layout, with these values. */
function agreesWithReference(text: string): void {
  const values = matchDocumentedPostback(text);
  if (values === undefined) return;
  matched++;
  expect(values).toStrictEqual(referenceValues(text));
}

const value = fc.oneof(
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
  fc.bigInt(-(2n ** 70n), 2n ** 70n).map(String),
  fc.constantFrom('0', '-0', '1.5', '1e3', '-2.5E-7', 'true', 'false', 'null', '"\\u00e9"', '"a\\"b"', '""'),
);
const whitespace = fc.constantFrom('', ' ', '\n', '\t', '\r\n ');
const documented = fc
  .tuple(fc.array(value, { minLength: 10, maxLength: 10 }), whitespace, whitespace)
  .map(
    ([values, a, b]) =>
      `${a}{${DOCUMENTED_POSTBACK_FIELDS.map((key, i) => `${b}"${key}"${a}:${b}${values[i]}`).join(',')}}${b}`,
  );

describe('matchDocumentedPostback: only valid documented bodies, with exactly the reference values', () => {
  afterAll(() => expect(matched).toBeGreaterThan(1000));

  it('on generated documented bodies (any JSON scalar in any field, any whitespace)', () => {
    fc.assert(fc.property(documented, agreesWithReference), { numRuns: 2000 });
  });

  it('on near misses (one character inserted, removed or replaced)', () => {
    const mutated = fc
      .tuple(
        documented,
        fc.nat(),
        fc.constantFrom(...'{}[]":,-+.eE019\\ tfnx\t\n\u0000\u001f\u00a0'.split('')),
        fc.nat(2),
      )
      .map(([text, at, char, op]) => {
        const i = at % text.length;
        if (op === 0) return text.slice(0, i) + char + text.slice(i);
        if (op === 1) return text.slice(0, i) + text.slice(i + 1);
        return text.slice(0, i) + char + text.slice(i + 1);
      });
    fc.assert(fc.property(mutated, agreesWithReference), { numRuns: 5000 });
  });

  it('matches the docs example, message_id as its exact literal', () => {
    const values = matchDocumentedPostback(DOCS_EXAMPLE_BODY);
    expect(values?.[2]).toEqual({ text: '604132581490819100' });
    agreesWithReference(DOCS_EXAMPLE_BODY);
  });

  it('leaves every other layout to the general path', () => {
    expect(matchDocumentedPostback(postbackBody({ post_back_data: undefined }))).toBeUndefined();
    expect(matchDocumentedPostback(postbackBody({ extra: '1' }))).toBeUndefined();
    expect(matchDocumentedPostback(postbackBody({ remark: '{"a":1}' }))).toBeUndefined();
    expect(matchDocumentedPostback(postbackBody({ remark: '"tab\\tescaped"' }))).toBeUndefined();
  });
});

describe('parsePostbackPayload: the documented-layout fast path against the plain path', () => {
  const outcome = (text: string, documentedLayoutFastPath: boolean) => {
    try {
      return { event: parsePostbackPayload(text, { documentedLayoutFastPath }) };
    } catch (error) {
      if (!(error instanceof ZixflowPostbackRejectedError)) throw error;
      return { reason: error.reason, field: error.field, status: error.httpStatus };
    }
  };
  const same = (text: string): void => expect(outcome(text, true)).toStrictEqual(outcome(text, false));

  it('gives the same event or the same rejection for generated documented bodies', () => {
    fc.assert(fc.property(documented, same), { numRuns: 1000 });
  });

  it('gives the same event for documented bodies that are mostly valid (one field varied at a time)', () => {
    const mostlyValid = fc
      .tuple(fc.constantFrom(...DOCUMENTED_POSTBACK_FIELDS), value, whitespace)
      .map(([key, literal, ws]) =>
        DOCS_EXAMPLE_BODY.replace(`"${key}":${DOCS_FIELDS[key]}`, `"${key}":${ws}${literal}`),
      );
    fc.assert(fc.property(mostlyValid, same), { numRuns: 2000 });
  });

  it('gives the same event or the same rejection for the docs example and its near misses', () => {
    same(DOCS_EXAMPLE_BODY);
    const mutated = fc
      .tuple(
        fc.nat(DOCS_EXAMPLE_BODY.length - 1),
        fc.constantFrom(...'{}[]":,-.e0\\ x\t'.split('')),
        fc.nat(2),
      )
      .map(([i, char, op]) => {
        const text = DOCS_EXAMPLE_BODY;
        if (op === 0) return text.slice(0, i) + char + text.slice(i);
        if (op === 1) return text.slice(0, i) + text.slice(i + 1);
        return text.slice(0, i) + char + text.slice(i + 1);
      });
    fc.assert(fc.property(mutated, same), { numRuns: 3000 });
  });
});
