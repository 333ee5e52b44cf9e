import { stringifyWithBigInt } from '../../lib/testing/json-with-bigint';
import { isLoopbackAddress, isLoopbackHost } from '../../lib/testing/loopback-guard';
import { nanosecondTimestamp } from '../../lib/testing/nanosecond-timestamp';
import { buildPostbackBody } from '../../lib/testing/postback-body';
import { nextSimulatedMessageId } from '../../lib/testing/simulated-message-id';
import { DOCS_EXAMPLE_BODY } from '../postback/postback-body.fixture';

describe('simulator helpers', () => {
  describe('isLoopbackHost', () => {
    it.each([
      '127.0.0.1',
      '127.255.10.2',
      'localhost',
      'LOCALHOST',
      'localhost.',
      'api.localhost',
      '[::1]',
      '::1',
      '0:0:0:0:0:0:0:1',
      '[::ffff:7f00:1]',
      '::ffff:127.0.0.1',
    ])('accepts %s', (host) => expect(isLoopbackHost(host)).toBe(true));

    it.each([
      'example.com',
      '10.0.0.1',
      '128.0.0.1',
      '0.0.0.0',
      '[::]',
      '[2001:db8::1]',
      '[::ffff:a00:1]',
      '127.0.0.1.nip.io',
      'localhost.example.com',
      '',
    ])('rejects %s', (host) => expect(isLoopbackHost(host)).toBe(false));

    it('only treats IP literals as loopback addresses', () => {
      expect(isLoopbackAddress('localhost')).toBe(false);
      expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    });
  });

  describe('buildPostbackBody', () => {
    const fields = {
      workspaceId: 'ws',
      messageId: '604132581490819100',
      requestId: 'req-1',
      channel: 'whatsapp',
      recipient: '919090909090',
      status: 'delivered',
      remark: '',
      statusAt: '2026-01-28T17:17:59.254174911Z',
      postBackData: 'somedata',
    };

    it('matches the documented example byte for byte', () => {
      expect(
        buildPostbackBody({
          ...fields,
          workspaceId: '69614209f51dfafb2231a6fe',
          requestId: '65ca1d21-8854-4d39-a0bd-64f1cd7b8db1',
        }),
      ).toBe(DOCS_EXAMPLE_BODY);
    });

    it('escapes strings and refuses a non-numeric message id', () => {
      expect(JSON.parse(buildPostbackBody({ ...fields, remark: 'a"b\n' }))).toMatchObject({
        remark: 'a"b\n',
      });
      expect(() => buildPostbackBody({ ...fields, messageId: '1e3' })).toThrow(TypeError);
      expect(() => buildPostbackBody({ ...fields, messageId: '1,"x":2' })).toThrow(TypeError);
    });
  });

  it('stringifyWithBigInt writes bigints as raw integers, nested too', () => {
    expect(stringifyWithBigInt({ a: 604132581490819101n, b: [1n, 'x'], c: { d: -5n } })).toBe(
      '{"a":604132581490819101,"b":[1,"x"],"c":{"d":-5}}',
    );
    expect(() => stringifyWithBigInt(undefined)).toThrow(TypeError);
  });

  it('nanosecondTimestamp has 9 fractional digits and never goes backwards', () => {
    const epochNs = BigInt(Date.parse('2026-01-28T17:17:59.254Z')) * 1_000_000n + 174_911n;
    expect(nanosecondTimestamp(epochNs)).toBe('2026-01-28T17:17:59.254174911Z');
    const before = Date.now();
    const stamps = Array.from({ length: 2000 }, () => nanosecondTimestamp());
    const after = Date.now();
    expect(stamps.every((stamp) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/.test(stamp))).toBe(true);
    expect([...stamps].sort()).toEqual(stamps);
    // On the wall clock, give or take a second: the monotonic clock is anchored to it once, when the module
    // loads, and the wall clock may be adjusted since (NTP slewed it by 7 ms within one run here once).
    expect(Date.parse(stamps[0])).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(stamps[stamps.length - 1])).toBeLessThanOrEqual(after + 1000);
  });

  it('nextSimulatedMessageId counts up above 2^53 without rounding', () => {
    const a = BigInt(nextSimulatedMessageId());
    const b = BigInt(nextSimulatedMessageId());
    expect(a > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(b - a).toBe(1n);
  });
});
