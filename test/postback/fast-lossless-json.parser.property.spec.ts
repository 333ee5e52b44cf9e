import fc from 'fast-check';
import { ZixflowPostbackRejectedError } from '../../lib/errors/zixflow-postback-rejected.error';
import { exceedsJsonDepth } from '../../lib/postback/json-depth.util';
import { JSON_TOO_DEEP, parseJsonFast } from '../../lib/postback/json/fast-lossless-json.parser';
import { JsonNumberLiteral } from '../../lib/postback/json/json-number-literal';
import { parseLosslessJson } from '../../lib/postback/json/lossless-json-object.parser';
import { postbackBody } from './postback-body.fixture';

const MAX_DEPTH = 4;

/** The reference: the depth check, then lossless-json (value, or the rejection's reason). */
function reference(text: string): { value: unknown } | { reason: string } {
  if (exceedsJsonDepth(text, MAX_DEPTH)) return { reason: 'too deep' };
  try {
    return { value: parseLosslessJson(text) };
  } catch (error) {
    if (!(error instanceof ZixflowPostbackRejectedError)) throw error;
    return { reason: error.reason };
  }
}

/** The fast path may defer (undefined); whatever else it answers must be exactly the reference's answer. */
function agreesWithReference(text: string): void {
  const fast = parseJsonFast(text, MAX_DEPTH);
  if (fast === undefined) return;
  if (fast === JSON_TOO_DEEP) {
    expect(reference(text)).toEqual({ reason: 'too deep' });
    return;
  }
  expect({ value: fast }).toStrictEqual(reference(text));
}

// Every shape of JSON number: sign, zero or digits (long ones included), fraction, exponent.
const numberLiteral = fc
  .tuple(
    fc.constantFrom('', '-'),
    fc.oneof(fc.constant('0'), fc.bigInt(1n, 2n ** 80n).map(String)),
    fc.option(fc.stringMatching(/^[0-9]{1,5}$/), { nil: undefined }),
    fc.option(
      fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.stringMatching(/^[0-9]{1,3}$/)),
      {
        nil: undefined,
      },
    ),
  )
  .map(
    ([sign, int, frac, exp]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${exp?.join('') ?? ''}`,
  );

const key = fc.oneof(
  fc.constantFrom('message_id', 'status', '__proto__', 'a', '', 'é', 'k"q', 'k\\n', '1'),
  fc.string({ maxLength: 4 }),
);

/** JSON source text with any number literal, nesting, escapes and (sometimes) repeated keys. */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberLiteral,
    fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
    fc.constantFrom('true', 'false', 'null', '"\\u0041"', '"\\ud800"', '" \\"1\\" "'),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(fc.tuple(key, tie('value')), { maxLength: 4 })
      .chain((members) =>
        // A repeat of an earlier member, same value or not: duplicates the reference refuses or allows.
        fc.oneof(fc.constant(members), fc.constant(members.length ? [...members, members[0]] : members)),
      )
      .map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value;

const whitespace = fc.constantFrom('', ' ', '\n', '\t', '\r', '  ');
const spaced = fc.tuple(whitespace, jsonText, whitespace).map(([a, t, b]) => `${a}${t}${b}`);

/** Valid text with one character inserted, removed or replaced: near-misses the scanner must not accept. */
const mutated = fc
  .tuple(
    jsonText,
    fc.nat(),
    fc.constantFrom(...'{}[]":,-+.eE019\\u tfn\u0001'.split(''), '\\u0001'),
    fc.nat(2),
  )
  .map(([text, at, char, op]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    if (op === 0) return text.slice(0, i) + char + text.slice(i);
    if (op === 1) return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + char + text.slice(i + 1);
  });

describe('parseJsonFast: exactly the reference parser, or it defers', () => {
  it('on generated JSON (numbers of every shape, escapes, duplicate keys, nesting past the limit)', () => {
    fc.assert(fc.property(spaced, agreesWithReference), { numRuns: 3000 });
  });

  it('on near-miss text (one character inserted, removed or replaced)', () => {
    fc.assert(fc.property(mutated, agreesWithReference), { numRuns: 5000 });
  });

  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 64 }), agreesWithReference), {
      numRuns: 2000,
    });
  });

  it('takes the fast path for postbacks, message_id kept exact as a literal', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 2n ** 64n - 1n), (id) => {
        const parsed = parseJsonFast(postbackBody({ message_id: id.toString() }), 32);
        expect(parsed).toMatchObject({ message_id: new JsonNumberLiteral(id.toString()) });
      }),
    );
  });

  it('defers on the cases it cannot vouch for', () => {
    for (const text of [
      '{"a":1,"a":2}', // duplicate key (JSON.parse would keep the last silently)
      '{"a":"\\u0001x"}', // the mark's escape in the source
      '{1:2}', // a number as a key
      '[01]', // not a number
      '{"a":"unterminated',
    ]) {
      expect(parseJsonFast(text, MAX_DEPTH)).toBeUndefined();
    }
    expect(parseJsonFast('[[[[[1]]]]]', MAX_DEPTH)).toBe(JSON_TOO_DEEP);
  });
});
