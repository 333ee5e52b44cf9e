import fc from 'fast-check';
import { matchTimestampPattern, matchZuluTimestamp } from '../../lib/postback/postback-timestamp.fields';

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
/** RFC 3339 shapes, with and without fraction, `Z` or offsets, valid or out of range. */
const timestamp = fc
  .tuple(
    digits(4),
    digits(2),
    digits(2),
    fc.constantFrom('T', 't', ' '),
    digits(2),
    digits(2),
    digits(2),
    fc.option(fc.stringMatching(/^[0-9]{0,12}$/), { nil: undefined }),
    fc.constantFrom('Z', 'z', '+05:30', '-0500', '', 'ZZ', '+24:00'),
  )
  .map(
    ([y, mo, d, t, h, mi, s, frac, zone]) =>
      `${y}-${mo}-${d}${t}${h}:${mi}:${s}${frac === undefined ? '' : `.${frac}`}${zone}`,
  );
const mutated = fc
  .tuple(timestamp, fc.nat(), fc.constantFrom(...'0123456789-:.TZz+ x'.split('')), fc.nat(2))
  .map(([text, at, char, op]) => {
    const i = at % text.length;
    if (op === 0) return text.slice(0, i) + char + text.slice(i);
    if (op === 1) return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + char + text.slice(i + 1);
  });

describe('matchZuluTimestamp: the pattern, read by index, or nothing', () => {
  it('answers exactly as matchTimestampPattern wherever it answers', () => {
    fc.assert(
      fc.property(fc.oneof(timestamp, mutated, fc.string({ maxLength: 40 })), (text) => {
        const fast = matchZuluTimestamp(text);
        if (fast !== undefined) expect(fast).toEqual(matchTimestampPattern(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('answers for every UTC timestamp the pattern accepts', () => {
    fc.assert(
      fc.property(timestamp, (text) => {
        const pattern = matchTimestampPattern(text);
        if (pattern !== undefined && /[Zz]$/.test(text)) expect(matchZuluTimestamp(text)).toEqual(pattern);
      }),
      { numRuns: 2000 },
    );
  });
});
