import * as fc from 'fast-check';
import { ZixflowConfigError } from '../../../lib/errors';
import { DltTemplateMatcher, renderDltTemplate, type DltMismatch } from '../../../lib/dlt';

const OTP = 'Your OTP is {#var#}. Do not share.';

/** CPU time (µs) of the fastest of a few runs: the one least disturbed by other work on the machine. */
function cpuMicros(run: () => void, rounds = 5): number {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

function mismatch(body: string, message: string, max?: number): DltMismatch {
  const result = new DltTemplateMatcher(body, max).match(message);
  if (result.matched)
    throw new Error(`expected ${JSON.stringify(message)} not to match ${JSON.stringify(body)}`);
  return result;
}

describe('DltTemplateMatcher', () => {
  it.each([
    [OTP, 'Your OTP is 123456. Do not share.', ['123456']],
    ['{#var#} is your OTP', '4821 is your OTP', ['4821']],
    ['Dear customer, your code is {#var#}', 'Dear customer, your code is AB-12', ['AB-12']],
    ['Hi {#var#}{#var#}!', 'Hi ab!', ['a', 'b']],
    ['{#var#}{#var#}{#var#}', 'abc', ['a', 'b', 'c']],
    ['Hi {#VAR#}, bye {#Var#}', 'Hi Jo, bye now', ['Jo', 'now']],
    ['Static message, no variables.', 'Static message, no variables.', []],
    [
      'Cost: $5.00 (approx.) *T&C? [1] + {x} ^ | \\ {#var#}',
      'Cost: $5.00 (approx.) *T&C? [1] + {x} ^ | \\ ok',
      ['ok'],
    ],
    ['Line one\nLine {#var#}', 'Line one\nLine two', ['two']],
    ['Namaste {#var#} 🙏', 'Namaste राम 🙏', ['राम']],
    ['Hi {#var#}.', 'Hi a.b.c.', ['a.b.c']],
  ])('matches %j with %j', (body, message, values) => {
    expect(new DltTemplateMatcher(body).match(message)).toEqual({ matched: true, values });
  });

  it('accepts a value of exactly the maximum length and counts code points, not UTF-16 units', () => {
    const matcher = new DltTemplateMatcher(OTP, 5);
    expect(matcher.matches('Your OTP is 12345. Do not share.')).toBe(true);
    expect(matcher.matches('Your OTP is 😀😀😀😀😀. Do not share.')).toBe(true);
    expect(matcher.matches('Your OTP is 123456. Do not share.')).toBe(false);
  });

  it('reports the first point of difference in the literal text', () => {
    expect(mismatch(OTP, 'Your OTP is 1234. Please do not share.')).toEqual({
      matched: false,
      index: 18,
      expected: '"Do not share."',
      found: '"Please do not share."',
      reason: 'expected "Do not share." at index 18, found "Please do not share."',
    });
  });

  it('reports a difference inside a literal at the exact character', () => {
    const m = mismatch(OTP, 'Your OTP is 1234. Do nat share.');
    expect(m).toMatchObject({ index: 22, expected: '"ot share."', found: '"at share."' });
  });

  it('reports the difference after the value, not inside it, when a literal loses its first character', () => {
    const body = 'Dear {#var#}, your OTP is {#var#}. Do not share.';
    expect(mismatch(body, 'Dear John your OTP is 1234. Do not share.')).toMatchObject({
      index: 9,
      expected: '", your OTP is "',
      found: '" your OTP is 1234. Do no"…',
    });
    expect(mismatch('Hello {#var#}, thanks', 'Hello John thanks')).toMatchObject({ index: 10 });
    expect(mismatch(body, 'Dear John, your OTP is 1234. Please do not share.')).toMatchObject({ index: 29 });
    expect(mismatch('Your order {#var#} is shipped.', 'Your order 123 has shipped.')).toMatchObject({
      index: 15,
      expected: '"is shipped."',
    });
  });

  it('reports a leading literal mismatch', () => {
    expect(mismatch(OTP, 'Your otp is 1234. Do not share.')).toMatchObject({
      index: 5,
      expected: '"OTP is "',
    });
  });

  it('reports text after the end of the body', () => {
    expect(mismatch(OTP, 'Your OTP is 1234. Do not share. Thanks')).toMatchObject({
      index: 31,
      expected: 'end of message',
      found: '" Thanks"',
    });
    expect(mismatch('Static.', 'Static. More')).toMatchObject({ index: 7, expected: 'end of message' });
  });

  it('reports a message that stops short', () => {
    expect(mismatch(OTP, 'Your OTP is 1234. Do not')).toMatchObject({
      index: 24,
      expected: '" share."',
      found: 'end of message',
    });
    expect(mismatch(OTP, 'Your OTP')).toMatchObject({ index: 8, found: 'end of message' });
    expect(mismatch(OTP, '')).toMatchObject({ index: 0, found: 'end of message' });
  });

  it('reports an empty value', () => {
    expect(mismatch(OTP, 'Your OTP is . Do not share.')).toMatchObject({
      index: 12,
      variable: 1,
      expected: 'a value for {#var#} #1 (1 to 30 characters)',
    });
    expect(mismatch('Code {#var#}', 'Code ')).toMatchObject({
      index: 5,
      variable: 1,
      found: 'end of message',
    });
    expect(mismatch('{#var#} is your OTP', ' is your OTP')).toMatchObject({ index: 0, variable: 1 });
    expect(mismatch('Hi {#var#}{#var#}', 'Hi a')).toMatchObject({ index: 4, variable: 2 });
  });

  it('reports an over-long value', () => {
    const m = mismatch(OTP, `Your OTP is ${'1'.repeat(31)}. Do not share.`);
    expect(m).toMatchObject({ index: 42, variable: 1, expected: 'at most 30 characters for {#var#} #1' });
    expect(m.reason).toBe(
      'the value for {#var#} #1 is 31 characters (from index 12), longer than the maximum 30',
    );
    expect(mismatch('Code {#var#}', `Code ${'x'.repeat(31)}`)).toMatchObject({ index: 35, variable: 1 });
    expect(mismatch('Code {#var#}', 'Code abcdef', 5).reason).toContain('is 6 characters');
  });

  it('refuses a line break inside a value', () => {
    const m = mismatch(OTP, 'Your OTP is 12\n34. Do not share.');
    expect(m).toMatchObject({ index: 14, variable: 1 });
    expect(m.reason).toContain('line break');
  });

  it('matches whitespace exactly', () => {
    expect(mismatch(OTP, 'Your OTP is 1234.  Do not share.')).toMatchObject({
      index: 18,
      expected: '"Do not share."',
    });
    expect(mismatch(OTP, 'Your  OTP is 1234. Do not share.')).toMatchObject({ index: 5 });
    expect(mismatch(OTP, 'Your OTP is 1234. Do not share.\n')).toMatchObject({ expected: 'end of message' });
    expect(new DltTemplateMatcher('A\r\nB').matches('A\nB')).toBe(false);
  });

  it('treats regex metacharacters in the body literally', () => {
    const body = 'Pay $5.00 (incl. tax)? [y/n] {#var#} a+b* ^end$';
    const matcher = new DltTemplateMatcher(body);
    expect(matcher.matches('Pay $5.00 (incl. tax)? [y/n] ok a+b* ^end$')).toBe(true);
    expect(matcher.matches('Pay $5X00 (incl. tax)? [y/n] ok a+b* ^end$')).toBe(false);
    expect(matcher.matches('Pay $5.00 (incl. tax)? [y/n] ok aab* ^end$')).toBe(false);
  });

  it('answers on 20 adjacent variables and a long non-matching message', () => {
    const body = '{#var#}'.repeat(20) + ' END';
    const matcher = new DltTemplateMatcher(body);
    expect(matcher.matches('a'.repeat(5000))).toBe(false);
    expect(matcher.matches('a'.repeat(590) + ' EN')).toBe(false);
    expect(matcher.match('a'.repeat(600) + ' END')).toEqual({ matched: true, values: expect.any(Array) });
    expect(matcher.matches('a'.repeat(601) + ' END')).toBe(false);
  });

  it('answers on 20 variables separated by repeated literals', () => {
    const body = Array.from({ length: 20 }, () => '{#var#}').join(' a ') + ' !';
    const matcher = new DltTemplateMatcher(body);
    expect(matcher.matches('x a '.repeat(3000))).toBe(false);
    expect(matcher.matches(' a '.repeat(2000) + 'b')).toBe(false);
  });

  // Cost is compared between sizes, never against a clock limit: a backtracking matcher grows exponentially
  // and a quadratic one 64-fold when the message grows 8-fold; a linear one about 8-fold. 32 leaves room for
  // a busy machine while still telling linear from quadratic.
  it.each([
    ['adjacent variables', (max: number) => ['{#var#}'.repeat(20) + ' END', 'a'.repeat(20 * max) + ' EN']],
    [
      'variables separated by repeated literals',
      (max: number) => [
        Array.from({ length: 20 }, () => '{#var#}').join(' a ') + ' !',
        'x a '.repeat(5 * max),
      ],
    ],
  ])('work grows linearly with the message on %s', (_shape, make) => {
    const cost = (max: number): number => {
      const [body, message] = make(max);
      const matcher = new DltTemplateMatcher(body, max);
      return cpuMicros(() => matcher.matches(message));
    };
    cost(50); // warm up the JIT
    expect(cost(400) / cost(50)).toBeLessThan(32);
  });

  it('looks no further than the longest possible match in a huge message', () => {
    const m = mismatch(OTP, `Your OTP is 1234. Do not share.${' x'.repeat(500_000)}`);
    expect(m).toMatchObject({ index: 31, expected: 'end of message', found: '" x x x x x x x x x x x x"…' });
    // A message 200 times as long costs about the same: the matcher stops reading past what could match.
    const matcher = new DltTemplateMatcher(OTP);
    const short = `Your OTP is 1234. Do not share.${' x'.repeat(5_000)}`;
    const huge = `Your OTP is 1234. Do not share.${' x'.repeat(1_000_000)}`;
    matcher.match(short); // warm up the JIT
    expect(cpuMicros(() => matcher.match(huge)) / cpuMicros(() => matcher.match(short))).toBeLessThan(20);
  });

  it('rejects a bad maximum length', () => {
    expect(() => new DltTemplateMatcher(OTP, 0)).toThrow(ZixflowConfigError);
    expect(() => new DltTemplateMatcher(OTP, 1.5)).toThrow(ZixflowConfigError);
  });

  it('matches every message rendered from its body (property)', () => {
    const literal = fc.string({ maxLength: 6 }).map((s) => s.replace(/\{#var#\}/gi, ''));
    const value = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/[\r\n]/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(literal, value), { maxLength: 6, size: 'max' }),
        literal,
        (pairs, tail) => {
          const body = pairs.map(([lit]) => `${lit}{#var#}`).join('') + tail;
          const values = pairs.map(([, v]) => v);
          const message = renderDltTemplate({ key: 't', body }, values, { maxVariableLength: 8 });
          const result = new DltTemplateMatcher(body, 8).match(message);
          expect(result.matched).toBe(true);
          if (result.matched)
            expect(renderDltTemplate({ key: 't', body }, result.values, { maxVariableLength: 8 })).toBe(
              message,
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with a reference regex on small inputs (property)', () => {
    const piece = fc.constantFrom('a', 'b', ' ', '.', '{#var#}');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 6, size: 'max' }),
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', '\n'), maxLength: 12, size: 'max' }),
        (pieces, message) => {
          const body = pieces.join('');
          const source = body
            .split(/\{#var#\}/i)
            .map((lit) => lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^\\r\\n]{1,3}');
          const expected = new RegExp(`^${source}$`).test(message);
          const result = new DltTemplateMatcher(body, 3).match(message);
          expect(result.matched).toBe(expected);
          if (!result.matched) expect(result.index).toBeLessThanOrEqual(message.length);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
