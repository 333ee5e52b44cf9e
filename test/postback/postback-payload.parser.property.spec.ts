import fc from 'fast-check';
import { ZixflowPostbackRejectedError } from '../../lib/errors/zixflow-postback-rejected.error';
import { parsePostbackPayload } from '../../lib/postback/postback-payload.parser';
import { postbackBody } from './postback-body.fixture';

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
    const field = fc.constantFrom(
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
      '__proto__',
      'constructor',
    );
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
});
