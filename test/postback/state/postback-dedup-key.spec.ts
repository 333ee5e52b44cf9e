import fc from 'fast-check';
import { postbackDedupKey, postbackInstant } from '../../../lib/postback/state/postback-dedup-key';
import { parsePostbackPayload } from '../../../lib/postback/parsing/postback-payload.parser';
import { parsePostbackTimestamp } from '../../../lib/postback/parsing/postback-timestamp.parser';
import type { ZixflowPostbackEvent } from '../../../lib/postback/interfaces/zixflow-postback-event.interface';
import { DOCS_EXAMPLE_BODY, postbackBody } from '../postback-body.fixture';

function keyOf(event: ZixflowPostbackEvent): string {
  return postbackDedupKey(event.requestId, event.status, postbackInstant(event.statusAt, event.statusDate));
}

describe('postbackDedupKey', () => {
  const event = parsePostbackPayload(DOCS_EXAMPLE_BODY);

  it('is the same for a redelivery, whatever the message_id form or remark', () => {
    const again = parsePostbackPayload(
      postbackBody({ message_id: '"604132581490819100"', remark: '"retry"' }),
    );
    expect(keyOf(again)).toBe(keyOf(event));
  });

  it('differs when status or status_at differ', () => {
    const read = parsePostbackPayload(postbackBody({ status: '"read"' }));
    const later = parsePostbackPayload(postbackBody({ status_at: '"2026-01-28T17:17:59.254174912Z"' }));
    expect(new Set([event, read, later].map(keyOf)).size).toBe(3);
  });

  it('compares status case-insensitively and status_at as an instant, nanoseconds kept', () => {
    const key = (status: string, statusAt: string): string =>
      keyOf(
        parsePostbackPayload(
          postbackBody({ status: JSON.stringify(status), status_at: JSON.stringify(statusAt) }),
        ),
      );
    const base = key('delivered', '2026-01-28T17:17:59.254174911Z');
    for (const [status, statusAt] of [
      ['DELIVERED', '2026-01-28T17:17:59.254174911Z'],
      ['Delivered', '2026-01-28T17:17:59.254174911+00:00'],
      ['delivered', '2026-01-28t17:17:59.254174911z'],
      ['delivered', '2026-01-28T22:47:59.254174911+05:30'],
      ['delivered', '2026-01-28T17:17:59.2541749110000Z'],
      ['delivered', '2026-01-28T12:17:59.254174911-0500'],
    ]) {
      expect([status, statusAt, key(status, statusAt)]).toEqual([status, statusAt, base]);
    }
    // One nanosecond apart, or whole seconds written with and without a fraction.
    expect(key('delivered', '2026-01-28T17:17:59.254174912Z')).not.toBe(base);
    expect(key('delivered', '2026-01-28T17:17:59Z')).toBe(key('delivered', '2026-01-28T17:17:59.000+00:00'));
  });

  it('cannot be confused by separators inside the parts', () => {
    const a = postbackDedupKey('r","x', 's', 't');
    const b = postbackDedupKey('r', 'x","s', 't');
    expect(a).not.toBe(b);
    // Length prefixes: a digit-and-colon run inside a part cannot stand in for a prefix either.
    expect(postbackDedupKey('1:a', 'b', '')).not.toBe(postbackDedupKey('1', 'a1:b', ''));
  });

  it('gives distinct triples distinct keys (property)', () => {
    const part = fc.string({ unit: fc.constantFrom('1', ':', 'a', '"', '\\', '0'), maxLength: 6 });
    fc.assert(
      fc.property(fc.tuple(part, part, part), fc.tuple(part, part, part), ([r1, s1, t1], [r2, s2, t2]) => {
        const same = r1 === r2 && s1 === s2 && t1 === t2;
        const k1 = postbackDedupKey(r1, s1, t1);
        const k2 = postbackDedupKey(r2, s2, t2);
        expect(k1 === k2).toBe(same);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('postbackInstant', () => {
  const instant = (statusAt: string): string => {
    const event = parsePostbackPayload(postbackBody({ status_at: JSON.stringify(statusAt) }));
    return postbackInstant(event.statusAt, event.statusDate);
  };

  it('spells every instant in one fixed-width UTC form with nine fractional digits', () => {
    expect(instant('2026-01-28T17:17:59.254174911Z')).toBe('2026-01-28T17:17:59.254174911Z');
    expect(instant('2026-01-28T22:47:59.25+05:30')).toBe('2026-01-28T17:17:59.250000000Z');
    expect(instant('2026-01-28T17:17:59Z')).toBe('2026-01-28T17:17:59.000000000Z');
    expect(instant('0099-01-01T00:00:00.5Z')).toBe('0099-01-01T00:00:00.500000000Z');
  });

  it("is toISOString's spelling of the Date cut to whole seconds, plus nine digits, in any order of days (property)", () => {
    // The engine spells each new day once (utcDay): runs of one day and jumps between days both come here,
    // years 0 and 9999 with offsets included (their UTC date has six signed digits, cut as before).
    const stamp = fc
      .tuple(
        fc.date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.option(fc.stringMatching(/^[0-9]{1,12}$/), { nil: undefined }),
        fc.option(
          fc.tuple(
            fc.constantFrom('+', '-'),
            fc.integer({ min: 0, max: 23 }),
            fc.integer({ min: 0, max: 59 }),
          ),
          {
            nil: undefined,
          },
        ),
      )
      .map(([date, fraction, offset]) => {
        const zone =
          offset === undefined
            ? 'Z'
            : `${offset[0]}${String(offset[1]).padStart(2, '0')}:${String(offset[2]).padStart(2, '0')}`;
        return `${date.toISOString().slice(0, 19)}${fraction === undefined ? '' : `.${fraction}`}${zone}`;
      });
    const sameDayRun = fc
      .tuple(stamp, fc.array(fc.integer({ min: 0, max: 86_399 }), { maxLength: 4 }))
      .map(([text, seconds]) => [
        text,
        ...seconds.map((s) => `${text.slice(0, 11)}${new Date(s * 1000).toISOString().slice(11, 19)}Z`),
      ]);
    fc.assert(
      fc.property(fc.array(sameDayRun, { maxLength: 6 }), (runs) => {
        for (const text of runs.flat()) {
          const date = parsePostbackTimestamp(text);
          if (date === undefined) throw new Error(`generated an unreadable ${text}`);
          const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
          const reference = `${date.toISOString().slice(0, 19)}.${(fraction + '000000000').slice(0, 9)}Z`;
          expect([text, postbackInstant(text, date)]).toEqual([text, reference]);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads a UTC text as its +00:00 spelling (property)', () => {
    const utc = fc
      .tuple(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.option(fc.stringMatching(/^[0-9]{1,12}$/), { nil: undefined }),
        fc.constantFrom('T', 't'),
        fc.constantFrom('Z', 'z'),
      )
      .map(([date, fraction, t, z]) => {
        const [day, time] = date.toISOString().slice(0, 19).split('T');
        return `${day}${t}${time}${fraction === undefined ? '' : `.${fraction}`}${z}`;
      });
    fc.assert(
      fc.property(utc, (text) => {
        expect(instant(text)).toBe(instant(`${text.slice(0, -1)}+00:00`));
      }),
      { numRuns: 2_000 },
    );
  });

  it('orders as the instants do when compared as strings (property)', () => {
    const stamp = fc
      .tuple(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
      )
      .map(([date, nanos, offsetMinutes]) => {
        const whole = Math.floor(date.getTime() / 1000) * 1000;
        const local = new Date(whole + offsetMinutes * 60_000).toISOString().slice(0, 19);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        const text = `${local}.${String(nanos).padStart(9, '0')}${offset}`;
        return { text, exact: BigInt(whole) * 1_000_000n + BigInt(nanos) };
      });
    fc.assert(
      fc.property(stamp, stamp, (a, b) => {
        const [x, y] = [instant(a.text), instant(b.text)];
        const byString = x < y ? -1 : x > y ? 1 : 0;
        const byValue = a.exact < b.exact ? -1 : a.exact > b.exact ? 1 : 0;
        expect(byString).toBe(byValue);
      }),
      { numRuns: 2_000 },
    );
  });
});
