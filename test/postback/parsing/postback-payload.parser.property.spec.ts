import fc from 'fast-check';
import { ZixflowPostbackRejectedError } from '../../../lib/errors/zixflow-postback-rejected.error';
import { parsePostbackPayload } from '../../../lib/postback/parsing/postback-payload.parser';
import { DOCUMENTED_POSTBACK_FIELDS } from '../../../lib/postback/parsing/json/documented-postback.pattern';
import { DOCS_FIELDS, postbackBody } from '../postback-body.fixture';

const UINT64 = fc.bigInt(0n, 2n ** 64n - 1n);

/** Runs the parser and fails the property on anything but an event or a 400/413 rejection. */
function parsesOrRejectsCleanly(raw: Uint8Array | string): void {
  try {
    const event = parsePostbackPayload(raw);
    expect(typeof event.messageId).toBe('string');
  } catch (error) {
    if (!(error instanceof ZixflowPostbackRejectedError)) throw error;
    expect([400, 413]).toContain(error.httpStatus);
  }
}

describe('parsePostbackPayload properties', () => {
  it('round-trips any unsigned 64-bit message_id written as a JSON number', () => {
    fc.assert(
      fc.property(UINT64, (id) => {
        expect(parsePostbackPayload(postbackBody({ message_id: id.toString() })).messageId).toBe(
          id.toString(),
        );
      }),
    );
  });

  it('round-trips any unsigned 64-bit message_id written as a JSON string', () => {
    fc.assert(
      fc.property(UINT64, (id) => {
        const body = Buffer.from(postbackBody({ message_id: `"${id.toString()}"` }));
        expect(parsePostbackPayload(body).messageId).toBe(id.toString());
      }),
    );
  });

  it('rejects every integer above 2^64-1 and every negative one', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: 2n ** 64n, max: 2n ** 200n }), fc.bigInt({ min: -(2n ** 70n), max: -1n })),
        (id) => {
          expect(() => parsePostbackPayload(postbackBody({ message_id: id.toString() }))).toThrow(
            ZixflowPostbackRejectedError,
          );
        },
      ),
    );
  });

  it('only returns an event or throws a 400/413 rejection for arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), parsesOrRejectsCleanly), { numRuns: 500 });
  });

  it('only returns an event or throws a 400/413 rejection for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 512 }), parsesOrRejectsCleanly), {
      numRuns: 500,
    });
  });

  it('only returns an event or throws a 400/413 rejection for arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => parsesOrRejectsCleanly(JSON.stringify(value) ?? '')),
      {
        numRuns: 500,
      },
    );
  });

  it('only returns an event or throws a 400/413 rejection when any field holds any JSON value', () => {
    const field = fc.constantFrom(...DOCUMENTED_POSTBACK_FIELDS, '__proto__', 'constructor');
    fc.assert(
      fc.property(field, fc.jsonValue(), (key, value) => {
        parsesOrRejectsCleanly(postbackBody({ [key]: JSON.stringify(value) ?? 'null' }));
      }),
      { numRuns: 500 },
    );
  });

  it('survives truncation of a valid body at any point', () => {
    const body = postbackBody();
    fc.assert(
      fc.property(fc.nat(body.length), (cut) => parsesOrRejectsCleanly(Buffer.from(body).subarray(0, cut))),
    );
  });

  it('reads the documented layout by position exactly as any other layout by name', () => {
    // The documented layout (these fields, in this order) takes a positional fast path; the same members
    // in another order go the general way. Both must give the same event, or the same rejection.
    const DOCUMENTED = DOCUMENTED_POSTBACK_FIELDS;
    const sample = DOCS_FIELDS;
    // Each field keeps its documented value or takes another: same type, another type, or a near miss.
    const value = (key: string) =>
      fc.oneof(
        { arbitrary: fc.constant(sample[key]), weight: 6 },
        {
          arbitrary: fc.oneof(
            UINT64.map(String),
            fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
            fc.constantFrom('null', 'true', '"2026-02-30T00:00:00Z"', '"1e3"', '-1', '1.5', '"\\u00e9"'),
          ),
          weight: 1,
        },
      );
    const members = fc.tuple(...DOCUMENTED.map((key) => value(key)));
    const outcome = (text: string) => {
      try {
        return { event: parsePostbackPayload(text) };
      } catch (error) {
        if (!(error instanceof ZixflowPostbackRejectedError)) throw error;
        return { reason: error.reason, field: error.field };
      }
    };
    fc.assert(
      fc.property(
        members,
        fc.nat(DOCUMENTED.length - 1),
        fc.constantFrom('', ' ', '\n'),
        // Sometimes one member more, after the documented ones: that body is no longer the documented layout.
        fc.option(fc.constantFrom('"extra":1', '"extra":"x"', '"status":"read"'), { nil: undefined }),
        (values, rotate, ws, extra) => {
          const entries = DOCUMENTED.map((key, i) => `${ws}"${key}"${ws}:${ws}${values[i]}`);
          if (extra !== undefined) entries.push(extra);
          const documented = `{${entries.join(',')}}`;
          const reordered = `{${[...entries.slice(rotate + 1), ...entries.slice(0, rotate + 1)].join(',')}}`;
          expect(outcome(reordered)).toEqual(outcome(documented));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
