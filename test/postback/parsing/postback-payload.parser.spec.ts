import { ZixflowErrorCode } from '../../../lib/errors/zixflow-error-code.enum';
import { ZixflowPostbackRejectedError } from '../../../lib/errors/zixflow-postback-rejected.error';
import { ZixflowError } from '../../../lib/errors/zixflow.error';
import { parsePostbackPayload } from '../../../lib/postback/parsing/postback-payload.parser';
import { thrownBy } from '../../utils/thrown-by';
import { DOCS_EXAMPLE_BODY, postbackBody } from '../postback-body.fixture';

const rejection = (run: () => unknown): ZixflowPostbackRejectedError =>
  thrownBy(run, ZixflowPostbackRejectedError);

describe('parsePostbackPayload', () => {
  it('maps the docs example byte for byte, keeping every digit of message_id', () => {
    const event = parsePostbackPayload(Buffer.from(DOCS_EXAMPLE_BODY, 'utf8'));
    expect(event).toEqual({
      workspaceId: '69614209f51dfafb2231a6fe',
      type: 'delivery_status',
      messageId: '604132581490819100',
      requestId: '65ca1d21-8854-4d39-a0bd-64f1cd7b8db1',
      channel: 'whatsapp',
      recipient: '919090909090',
      status: 'delivered',
      remark: '',
      statusAt: '2026-01-28T17:17:59.254174911Z',
      statusDate: new Date(Date.UTC(2026, 0, 28, 17, 17, 59, 254)),
      postBackData: 'somedata',
      // Decided later: the guard reads sendId from the verified token, the processor stale from the store.
      sendId: undefined,
      stale: false,
      raw: {
        workspace_id: '69614209f51dfafb2231a6fe',
        type: 'delivery_status',
        message_id: '604132581490819100',
        request_id: '65ca1d21-8854-4d39-a0bd-64f1cd7b8db1',
        channel: 'whatsapp',
        recipient: '919090909090',
        status: 'delivered',
        remark: '',
        status_at: '2026-01-28T17:17:59.254174911Z',
        post_back_data: 'somedata',
      },
    });
    // JSON.parse rounds it to the nearest double (it only prints the same).
    expect(BigInt(JSON.parse(DOCS_EXAMPLE_BODY).message_id)).toBe(604132581490819072n);
  });

  it('accepts a string as well as a Buffer', () => {
    expect(parsePostbackPayload(DOCS_EXAMPLE_BODY).messageId).toBe('604132581490819100');
  });

  it('accepts message_id sent as a string (as the delivery report does)', () => {
    const event = parsePostbackPayload(postbackBody({ message_id: '"604132581490819100"' }));
    expect(event.messageId).toBe('604132581490819100');
  });

  describe('message_id forms', () => {
    it.each([
      ['0', '0'],
      ['1', '1'],
      ['9007199254740993', '9007199254740993'],
      ['18446744073709551615', '18446744073709551615'],
      ['"18446744073709551615"', '18446744073709551615'],
      ['"0"', '0'],
    ])('accepts %s', (source, expected) => {
      expect(parsePostbackPayload(postbackBody({ message_id: source })).messageId).toBe(expected);
    });

    it.each([
      ['2^64 as a number', '18446744073709551616'],
      ['2^64 as a string', '"18446744073709551616"'],
      ['far beyond 2^64', '123456789012345678901234567890'],
      ['negative', '-1'],
      ['negative zero', '-0'],
      ['negative string', '"-604132581490819100"'],
      ['fraction', '604132581490819100.5'],
      ['integral fraction', '1.0'],
      ['exponent', '6.04e17'],
      ['integer exponent', '6e17'],
      ['leading zeros in a string', '"007"'],
      ['leading plus in a string', '"+7"'],
      ['spaces in a string', '" 7"'],
      ['hex string', '"0x1f"'],
      ['empty string', '""'],
      ['non-digits', '"abc"'],
      ['boolean', 'true'],
      ['null', 'null'],
      ['object', '{"id":1}'],
      ['array', '[1]'],
    ])('rejects %s', (_label, source) => {
      const error = rejection(() => parsePostbackPayload(postbackBody({ message_id: source })));
      expect(error.httpStatus).toBe(400);
      expect(error.code).toBe(ZixflowErrorCode.PostbackInvalid);
      expect(error.field).toBe('message_id');
    });
  });

  describe('required fields', () => {
    const required = [
      'workspace_id',
      'type',
      'message_id',
      'request_id',
      'channel',
      'recipient',
      'status',
      'status_at',
    ];

    it.each(required)('rejects a body without %s, naming it', (field) => {
      const error = rejection(() => parsePostbackPayload(postbackBody({ [field]: undefined })));
      expect(error).toMatchObject({ httpStatus: 400, field, reason: `${field} is missing` });
      expect(error).toBeInstanceOf(ZixflowError);
    });

    it.each(required.filter((field) => field !== 'message_id'))(
      'rejects %s of the wrong type or empty',
      (field) => {
        for (const source of ['123', 'null', 'true', '{}', '[]', '""']) {
          const error = rejection(() => parsePostbackPayload(postbackBody({ [field]: source })));
          expect(error).toMatchObject({ httpStatus: 400, field });
        }
      },
    );
  });

  describe('optional fields', () => {
    it('defaults remark to "" and keeps post_back_data undefined when absent', () => {
      const event = parsePostbackPayload(postbackBody({ remark: undefined, post_back_data: undefined }));
      expect(event.remark).toBe('');
      expect(event.postBackData).toBeUndefined();
    });

    it('treats null like absent', () => {
      const event = parsePostbackPayload(postbackBody({ remark: 'null', post_back_data: 'null' }));
      expect(event.remark).toBe('');
      expect(event.postBackData).toBeUndefined();
    });

    it('keeps an empty post_back_data as ""', () => {
      expect(parsePostbackPayload(postbackBody({ post_back_data: '""' })).postBackData).toBe('');
    });

    it('keeps post_back_data exactly, unicode and escapes included', () => {
      const value = 'order=42&x="y"\n✓ 𝄞';
      const event = parsePostbackPayload(postbackBody({ post_back_data: JSON.stringify(value) }));
      expect(event.postBackData).toBe(value);
    });

    it('keeps a numeric post_back_data as its literal text', () => {
      const event = parsePostbackPayload(postbackBody({ post_back_data: '12.50' }));
      expect(event.postBackData).toBe('12.50');
    });

    it.each(['remark', 'post_back_data'])('rejects %s as an object, array or boolean', (field) => {
      for (const source of ['{}', '[]', 'false']) {
        expect(rejection(() => parsePostbackPayload(postbackBody({ [field]: source })))).toMatchObject({
          httpStatus: 400,
          field,
        });
      }
    });
  });

  describe('status_at', () => {
    it('keeps every nanosecond in statusAt and truncates statusDate to the millisecond', () => {
      const event = parsePostbackPayload(postbackBody({ status_at: '"2026-01-28T17:17:59.999999999Z"' }));
      expect(event.statusAt).toBe('2026-01-28T17:17:59.999999999Z');
      expect(event.statusDate.toISOString()).toBe('2026-01-28T17:17:59.999Z');
    });

    it('rejects an unparseable or impossible date', () => {
      for (const value of [
        'yesterday',
        '2026-02-30T00:00:00Z',
        '2026-01-28 17:17:59Z',
        '2026-01-28T17:17:59',
      ]) {
        expect(
          rejection(() => parsePostbackPayload(postbackBody({ status_at: JSON.stringify(value) }))),
        ).toMatchObject({ httpStatus: 400, field: 'status_at' });
      }
    });
  });

  it('accepts unknown status, channel and type values, case kept', () => {
    const event = parsePostbackPayload(
      postbackBody({ status: '"Undeliverable_DND"', channel: '"telegram"', type: '"read_receipt"' }),
    );
    expect(event).toMatchObject({ status: 'Undeliverable_DND', channel: 'telegram', type: 'read_receipt' });
  });

  it('keeps unknown fields in raw with numbers as their literal text', () => {
    const body = postbackBody({
      extra: '{"price":0.10,"parts":[1,2e3],"big":123456789012345678901234567890}',
    });
    const event = parsePostbackPayload(body);
    expect(event.raw.extra).toEqual({
      price: '0.10',
      parts: ['1', '2e3'],
      big: '123456789012345678901234567890',
    });
  });

  it('keeps a "__proto__" key as plain data without touching prototypes', () => {
    const event = parsePostbackPayload(postbackBody({ ['__proto__']: '{"polluted":1}' }));
    expect(Object.getPrototypeOf(event.raw)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(event.raw, '__proto__')?.value).toEqual({ polluted: '1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not read fields from Object.prototype', () => {
    const error = rejection(() =>
      parsePostbackPayload(postbackBody({ type: undefined, constructor: '"x"' })),
    );
    expect(error.field).toBe('type');
  });

  describe('bodies that are not a postback', () => {
    it.each([
      ['empty', ''],
      ['whitespace', '  \n'],
      ['malformed', '{"workspace_id":'],
      ['trailing garbage', `${DOCS_EXAMPLE_BODY}x`],
      ['array', '[1,2]'],
      ['string', '"hello"'],
      ['number', '42'],
      ['null', 'null'],
      ['single quotes', "{'a':1}"],
      ['NaN', '{"a":NaN}'],
      ['raw control character', '{"a":"\u0001"}'],
    ])('rejects %s with 400', (_label, body) => {
      expect(rejection(() => parsePostbackPayload(body))).toMatchObject({
        httpStatus: 400,
        code: ZixflowErrorCode.PostbackInvalid,
      });
    });

    it('rejects invalid UTF-8', () => {
      const bytes = Buffer.concat([
        Buffer.from(DOCS_EXAMPLE_BODY.slice(0, -2)),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}'),
      ]);
      expect(rejection(() => parsePostbackPayload(bytes)).reason).toBe('body is not valid UTF-8');
    });

    it('accepts a UTF-8 byte order mark', () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DOCS_EXAMPLE_BODY)]);
      expect(parsePostbackPayload(bytes).messageId).toBe('604132581490819100');
    });

    it('rejects deep nesting without overflowing the stack', () => {
      const deep = `{"a":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
      expect(rejection(() => parsePostbackPayload(deep, { maxBodyBytes: 1_000_000 })).httpStatus).toBe(400);
      const nested = postbackBody({ extra: `${'['.repeat(20)}${']'.repeat(20)}` });
      expect(parsePostbackPayload(nested).raw.extra).toBeDefined();
    });

    it('rejects duplicate keys with conflicting values, accepts exact repeats', () => {
      const conflicting = DOCS_EXAMPLE_BODY.replace('{', '{"status":"failed",');
      expect(rejection(() => parsePostbackPayload(conflicting))).toMatchObject({
        httpStatus: 400,
        field: 'status',
      });
      const repeated = DOCS_EXAMPLE_BODY.replace('{', '{"status":"delivered",');
      expect(parsePostbackPayload(repeated).status).toBe('delivered');
    });

    it('rejects a missing body (rawBody not enabled)', () => {
      expect(rejection(() => parsePostbackPayload(undefined as unknown as string)).httpStatus).toBe(400);
    });
  });

  describe('body size', () => {
    it('answers 413 above maxBodyBytes, counting UTF-8 bytes', () => {
      const error = rejection(() => parsePostbackPayload(DOCS_EXAMPLE_BODY, { maxBodyBytes: 100 }));
      expect(error).toMatchObject({ httpStatus: 413, code: ZixflowErrorCode.PostbackTooLarge });
      const body = postbackBody({ remark: JSON.stringify('é'.repeat(100)) });
      const bytes = Buffer.byteLength(body);
      expect(parsePostbackPayload(body, { maxBodyBytes: bytes }).remark).toBe('é'.repeat(100));
      expect(rejection(() => parsePostbackPayload(body, { maxBodyBytes: bytes - 1 })).httpStatus).toBe(413);
      expect(
        rejection(() => parsePostbackPayload(Buffer.from(body), { maxBodyBytes: bytes - 1 })).httpStatus,
      ).toBe(413);
    });

    it('defaults to 64 KiB', () => {
      const body = postbackBody({ remark: JSON.stringify('x'.repeat(70_000)) });
      expect(rejection(() => parsePostbackPayload(body)).httpStatus).toBe(413);
    });
  });

  it('never echoes body values in the error', () => {
    const error = rejection(() => parsePostbackPayload(postbackBody({ recipient: '919999999999' })));
    expect(JSON.stringify(error)).not.toContain('919999999999');
  });
});
