import fc from 'fast-check';
import { PostbackTokenSigner } from '../../../lib/postback/auth/postback-token.signer';
import { VerifiedTokenCache } from '../../../lib/postback/auth/verified-token.cache';

const signer = new PostbackTokenSigner('a-secret-long-enough');
const RECIPIENT = '919090909090';
/** The token with its last signature character changed (never to itself). */
const tampered = (token: string): string => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

describe('VerifiedTokenCache', () => {
  let verify: jest.SpyInstance;
  beforeEach(() => {
    verify = jest.spyOn(signer, 'verify');
  });
  afterEach(() => jest.restoreAllMocks());

  it('verifies a (token, recipient) pair once, then answers ok from memory', () => {
    const cache = new VerifiedTokenCache(signer);
    const token = signer.sign(RECIPIENT);
    expect(cache.verify(token, RECIPIENT)).toBe('ok');
    expect(cache.verify(token, RECIPIENT)).toBe('ok');
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('never remembers failures, and a verified token vouches for no other recipient', () => {
    const cache = new VerifiedTokenCache(signer);
    const token = signer.sign(RECIPIENT);
    expect(cache.verify(token, RECIPIENT)).toBe('ok');
    for (let i = 0; i < 2; i++) {
      expect(cache.verify(token, '919111111111')).toBe('bad_signature');
      expect(cache.verify(tampered(token), RECIPIENT)).toBe('bad_signature');
      expect(cache.verify(undefined, RECIPIENT)).toBe('missing');
    }
    expect(verify).toHaveBeenCalledTimes(7);
  });

  it('cannot be fooled by moving text between token and recipient', () => {
    const cache = new VerifiedTokenCache(signer);
    const token = signer.sign(`x${RECIPIENT}`);
    expect(cache.verify(token, `x${RECIPIENT}`)).toBe('ok');
    expect(cache.verify(`${token}x`, RECIPIENT)).not.toBe('ok');
  });

  it('stays bounded: two generations at most, pairs in use carried over', () => {
    const cache = new VerifiedTokenCache(signer, 2);
    const tokens = ['a', 'b', 'c', 'd'].map((r) => [signer.sign(r), r] as const);
    const [keep] = tokens;
    for (const [token, recipient] of tokens) {
      cache.verify(token, recipient);
      cache.verify(...keep);
    }
    verify.mockClear();
    cache.verify(...keep);
    expect(verify).not.toHaveBeenCalled();
    cache.verify(...tokens[1]);
    expect(verify).toHaveBeenCalledTimes(1);
  });
});

describe('VerifiedTokenCache against the signer it wraps (the plain path)', () => {
  it('answers every sequence of checks exactly as the signer alone would', () => {
    const recipients = ['919090909090', '919090909091', ''];
    const tokens = [
      ...recipients.map((r) => signer.sign(r, 'n1')),
      tampered(signer.sign(RECIPIENT, 'n2')),
      'v1.n3.short',
      `v1.n4.${'A'.repeat(43)}`,
      '',
    ];
    const check = fc.tuple(fc.constantFrom(...tokens, undefined), fc.constantFrom(...recipients));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(check, { maxLength: 40 }), (size, checks) => {
        const cache = new VerifiedTokenCache(signer, size);
        for (const [token, recipient] of checks) {
          expect(cache.verify(token, recipient)).toBe(signer.verify(token, recipient));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('VerifiedTokenCache and expiry (held to the plain path as time passes)', () => {
  const MAX_AGE = 10_000;
  const START = Date.UTC(2026, 0, 28);

  it('a cached token expires exactly when the signer says so', () => {
    let now = START;
    const clocked = new PostbackTokenSigner('a-secret-long-enough', { maxAgeMs: MAX_AGE, now: () => now });
    const cache = new VerifiedTokenCache(clocked, 1024, () => now);
    const token = clocked.sign(RECIPIENT);
    expect(cache.verify(token, RECIPIENT)).toBe('ok');
    now += MAX_AGE;
    expect(cache.verify(token, RECIPIENT)).toBe('ok');
    now += 1;
    expect(cache.verify(token, RECIPIENT)).toBe('expired');
  });

  it('answers every sequence of checks and clock steps exactly as the signer alone would', () => {
    const recipients = ['919090909090', '919090909091'];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3 }),
            fc.constantFrom(...recipients),
            fc.integer({ min: 0, max: 6_000 }),
          ),
          { maxLength: 40 },
        ),
        (size, checks) => {
          let now = START;
          const clocked = new PostbackTokenSigner('a-secret-long-enough', {
            maxAgeMs: MAX_AGE,
            now: () => now,
          });
          // Tokens issued at different times, so they expire in turn as the clock moves.
          const tokens = [0, 3_000, 7_000, 12_000].map((age, i) =>
            clocked.sign(recipients[i % 2], `n${i}`, START - age),
          );
          const cache = new VerifiedTokenCache(clocked, size, () => now);
          for (const [i, recipient, step] of checks) {
            now += step;
            expect(cache.verify(tokens[i], recipient)).toBe(clocked.verify(tokens[i], recipient));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
