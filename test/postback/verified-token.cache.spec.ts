import { PostbackTokenSigner } from '../../lib/postback/postback-token.signer';
import { VerifiedTokenCache } from '../../lib/postback/verified-token.cache';

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
