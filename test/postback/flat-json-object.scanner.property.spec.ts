import fc from 'fast-check';
import { ZixflowPostbackRejectedError } from '../../lib/errors/zixflow-postback-rejected.error';
import { scanFlatJsonObject } from '../../lib/postback/json/flat-json-object.scanner';
import { JsonNumberLiteral } from '../../lib/postback/json/json-number-literal';
import { parseLosslessJson } from '../../lib/postback/json/lossless-json-object.parser';
import { DOCS_EXAMPLE_BODY, postbackBody } from './postback-body.fixture';

/** The reference: lossless-json (value, or the rejection's reason). */
function reference(text: string): { value: unknown } | { reason: string } {
  try {
    return { value: parseLosslessJson(text) };
  } catch (error) {
    if (!(error instanceof ZixflowPostbackRejectedError)) throw error;
    return { reason: error.reason };
  }
}

let scanned = 0;

/** The scanner may defer (undefined); whatever else it answers must be exactly the reference's answer. */
function agreesWithReference(text: string): void {
  const fast = scanFlatJsonObject(text);
  if (fast === undefined) return;
  scanned++;
  const expected = reference(text);
  expect(expected).toHaveProperty('value');
  expect(comparable(fast)).toStrictEqual(comparable((expected as { value: unknown }).value));
}

/**
 * Prototype and own entries, in order: what a caller can observe. (toStrictEqual on the objects
 * themselves would read an own `constructor` member as the object's type.)
 */
function comparable(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return { prototype: Object.getPrototypeOf(value) as unknown, entries: Object.entries(value) };
}

// Every shape of JSON number: sign, zero or digits (long ones included), fraction, exponent.
const numberLiteral = fc
  .tuple(
    fc.constantFrom('', '-'),
    fc.oneof(fc.constant('0'), fc.bigInt(1n, 2n ** 80n).map(String)),
    fc.option(fc.stringMatching(/^[0-9]{1,5}$/), { nil: undefined }),
    fc.option(
      fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.stringMatching(/^[0-9]{1,3}$/)),
      { nil: undefined },
    ),
  )
  .map(
    ([sign, int, frac, exp]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${exp?.join('') ?? ''}`,
  );

// Strings as JSON writes them, plus escapes JSON.stringify never writes (`\/`, `\u` in any case, lone
// surrogates). Invalid ones (a raw tab, a bad escape) come in through the near-misses.
const stringLiteral = fc.oneof(
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
  fc.string({ unit: 'binary', maxLength: 6 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('""', '"\\u0041"', '"\\u00e9\\u00E9"', '"\\ud800"', '"\\/"', '" \\"1\\" "', '"\\\\"'),
);

const flatKey = fc.oneof(
  fc.constantFrom('message_id', 'status', 'constructor', 'a', '', 'é', 'k"q', 'k\\n', '1', '01'),
  fc.string({ maxLength: 4 }),
);
const key = fc.oneof(flatKey, fc.constant('__proto__'));

// JSON's four whitespace characters (others, such as U+00A0 or a BOM, come in through the near-misses).
const whitespace = fc.constantFrom('', ' ', '\n', '\t', '\r', '  ', ' \r\n\t');

const scalar = fc.oneof(numberLiteral, stringLiteral, fc.constantFrom('true', 'false', 'null'));

/** Any JSON value, nesting included: what the scanner must defer on when it is not flat. */
const jsonValue: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(fc.tuple(key, tie('value')), { maxLength: 3 })
      .map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value;

/** A flat object (the scanner's own ground) with whitespace anywhere and, sometimes, a repeated member. */
const flatObject = fc
  .uniqueArray(fc.tuple(flatKey, scalar, whitespace, whitespace, whitespace, whitespace), {
    maxLength: 8,
    selector: ([k]) => k,
  })
  .chain((members) =>
    fc.oneof(
      { arbitrary: fc.constant(members), weight: 6 },
      // A repeat of an earlier member, same value or not: duplicates the reference refuses or allows.
      { arbitrary: fc.constant(members.length ? [...members, members[0]] : members), weight: 1 },
      {
        arbitrary: fc.constant(
          members.length > 1
            ? [...members, [members[0][0], members[1][1], '', '', '', ''] as const]
            : members,
        ),
        weight: 1,
      },
    ),
  )
  .chain((members) =>
    fc
      .tuple(whitespace, whitespace, whitespace)
      .map(
        ([before, inside, after]) =>
          `${before}{${inside}${members.map(([k, v, a, b, c, d]) => `${a}${JSON.stringify(k)}${b}:${c}${v}${d}`).join(',')}}${after}`,
      ),
  );

/** Valid text with one character inserted, removed or replaced: near-misses the scanner must not accept. */
function mutate(source: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      source,
      fc.nat(),
      fc.constantFrom(...'{}[]":,-+.eE019\\u tfnlx\t\n\r\u0000\u001f\u000b\u00a0\u2028\ufeff'.split('')),
      fc.nat(2),
    )
    .map(([text, at, char, op]) => {
      const i = text.length === 0 ? 0 : at % text.length;
      if (op === 0) return text.slice(0, i) + char + text.slice(i);
      if (op === 1) return text.slice(0, i) + text.slice(i + 1);
      return text.slice(0, i) + char + text.slice(i + 1);
    });
}

describe('scanFlatJsonObject: exactly the reference parser, or it defers', () => {
  afterAll(() => {
    // The properties above mean little if the scanner deferred on nearly everything.
    expect(scanned).toBeGreaterThan(3000);
  });

  it('on generated flat objects (numbers of every shape, escapes, whitespace, repeated keys)', () => {
    fc.assert(fc.property(flatObject, agreesWithReference), { numRuns: 4000 });
  });

  it('on any generated JSON, nested included', () => {
    fc.assert(fc.property(jsonValue, agreesWithReference), { numRuns: 2000 });
  });

  it('on near-miss text (one character inserted, removed or replaced)', () => {
    fc.assert(fc.property(mutate(flatObject), agreesWithReference), { numRuns: 5000 });
  });

  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 64 }), agreesWithReference), {
      numRuns: 2000,
    });
  });

  it('reads the docs example, message_id kept exact as a literal', () => {
    expect(scanFlatJsonObject(DOCS_EXAMPLE_BODY)).toEqual({
      workspace_id: '69614209f51dfafb2231a6fe',
      type: 'delivery_status',
      message_id: new JsonNumberLiteral('604132581490819100'),
      request_id: '65ca1d21-8854-4d39-a0bd-64f1cd7b8db1',
      channel: 'whatsapp',
      recipient: '919090909090',
      status: 'delivered',
      remark: '',
      status_at: '2026-01-28T17:17:59.254174911Z',
      post_back_data: 'somedata',
    });
    fc.assert(
      fc.property(fc.bigInt(0n, 2n ** 64n - 1n), (id) => {
        expect(scanFlatJsonObject(postbackBody({ message_id: id.toString() }))).toMatchObject({
          message_id: new JsonNumberLiteral(id.toString()),
        });
      }),
    );
  });

  it('decodes escapes exactly where the body has them', () => {
    expect(scanFlatJsonObject('{"a":"x\\u00e9\\n\\"y\\"","b\\/":1}')).toEqual({
      a: 'xé\n"y"',
      'b/': new JsonNumberLiteral('1'),
    });
  });

  it('defers on what it cannot vouch for', () => {
    for (const text of [
      '{"a":1,"a":2}', // a repeated key (the reference refuses conflicting values)
      '{"a":1,"a":1}', // even an exact repeat: the reference decides
      '{"__proto__":"x"}', // kept out of plain assignment
      '{"a":{"b":1}}', // nested
      '{"a":[1]}',
      '[1]', // not an object
      '{1:2}', // a number as a key
      '{"a":01}', // not a number
      '{"a":1.}',
      '{"a":"tab\there"}', // raw control character in a string
      '{"a":"\\q"}', // invalid escape
      '{"a":"unterminated',
      '{"a":1,}', // trailing comma
      '{"a":1} x', // trailing garbage
      '{"a":tru}',
      '\u00a0{}', // not JSON whitespace
    ]) {
      expect(scanFlatJsonObject(text)).toBeUndefined();
    }
  });
});
