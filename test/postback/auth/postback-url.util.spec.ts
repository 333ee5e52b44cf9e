import fc from 'fast-check';
import { ZixflowConfigError } from '../../../lib/errors/zixflow-config.error';
import {
  POSTBACK_TOKEN_QUERY_PARAM,
  POSTBACK_URL_MAX_LENGTH,
} from '../../../lib/postback/postback.constants';
import { PostbackTokenSigner } from '../../../lib/postback/auth/postback-token.signer';
import { buildPostbackUrl, extractPostbackToken } from '../../../lib/postback/auth/postback-url.util';

const signer = new PostbackTokenSigner('a-secret-long-enough');
const TOKEN = signer.sign('919090909090');

describe('buildPostbackUrl', () => {
  it('names the parameter zxf_token', () => {
    expect(POSTBACK_TOKEN_QUERY_PARAM).toBe('zxf_token');
  });

  it('adds the token to a URL without a query', () => {
    expect(buildPostbackUrl('https://api.example.com/zixflow/postback', TOKEN)).toBe(
      `https://api.example.com/zixflow/postback?zxf_token=${TOKEN}`,
    );
  });

  it('keeps existing query parameters byte for byte', () => {
    const url = 'https://api.example.com/hooks?tenant=a%20b&x=1&y=%2F';
    expect(buildPostbackUrl(url, TOKEN)).toBe(`${url}&zxf_token=${TOKEN}`);
  });

  it('handles a trailing "?" or "&"', () => {
    expect(buildPostbackUrl('https://h.example/cb?', TOKEN)).toBe(`https://h.example/cb?zxf_token=${TOKEN}`);
    expect(buildPostbackUrl('https://h.example/cb?a=1&', TOKEN)).toBe(
      `https://h.example/cb?a=1&zxf_token=${TOKEN}`,
    );
  });

  it('round-trips through extractPostbackToken', () => {
    const built = buildPostbackUrl('https://h.example/cb?a=1', TOKEN);
    expect(extractPostbackToken(built)).toBe(TOKEN);
    expect(extractPostbackToken(new URL(built).pathname + new URL(built).search)).toBe(TOKEN);
  });

  it('refuses a URL over the length cap, and accepts one exactly at it', () => {
    const prefix = 'https://h.example/';
    const suffix = `?zxf_token=${TOKEN}`;
    const atCap = prefix + 'p'.repeat(POSTBACK_URL_MAX_LENGTH - prefix.length - suffix.length);
    expect(buildPostbackUrl(atCap, TOKEN)).toHaveLength(POSTBACK_URL_MAX_LENGTH);
    expect(() => buildPostbackUrl(`${atCap}p`, TOKEN)).toThrow(ZixflowConfigError);
    expect(POSTBACK_URL_MAX_LENGTH).toBeLessThan(500);
  });

  it.each([
    ['relative', '/zixflow/postback'],
    ['not a URL', 'not a url'],
    ['ftp', 'ftp://h.example/cb'],
    ['fragment', 'https://h.example/cb#x'],
    ['empty fragment', 'https://h.example/cb#'],
    ['already tokened', `https://h.example/cb?zxf_token=${TOKEN}`],
  ])('refuses a %s publicUrl', (_label, url) => {
    expect(() => buildPostbackUrl(url, TOKEN)).toThrow(ZixflowConfigError);
  });
});

describe('extractPostbackToken', () => {
  it.each([
    ['/cb?zxf_token=v1.a.b', 'v1.a.b'],
    ['/cb?x=1&zxf_token=v1.a.b&y=2', 'v1.a.b'],
    ['/cb?zxf_token=v1.a.b#frag', 'v1.a.b'],
    ['/cb?zxf_token=first&zxf_token=second', 'first'],
    ['/cb?zxf%5Ftoken=v1%2Ea.b', 'v1.a.b'],
    ['/cb?zxf_token=', ''],
    ['https://h.example/cb?zxf_token=v1.a.b', 'v1.a.b'],
  ])('%s -> %j', (url, token) => {
    expect(extractPostbackToken(url)).toBe(token);
  });

  it.each(['/cb', '/cb?x=1', '/cb#zxf_token=v1.a.b', '', undefined])('%j -> undefined', (url) => {
    expect(extractPostbackToken(url)).toBeUndefined();
  });
});

describe('extractPostbackToken, against URLSearchParams', () => {
  /** What it did before its plain-query fast path: URLSearchParams on everything. */
  const viaUrlSearchParams = (url: string): string | undefined => {
    const q = url.indexOf('?');
    if (q < 0) return undefined;
    const hash = url.indexOf('#', q);
    return new URLSearchParams(url.slice(q + 1, hash < 0 ? undefined : hash)).get('zxf_token') ?? undefined;
  };
  const piece = fc.oneof(
    fc.constantFrom(
      'zxf_token',
      'zxf_token=',
      `zxf_token=${TOKEN}`,
      'zxf%5Ftoken=x',
      'zxf_tokenx=1',
      'zxf_toke',
    ),
    fc.constantFrom('&', '=', '?', '#', '%41', '%', '+', 'é', '\ud800', 'a=b'),
    fc.string({ maxLength: 4 }),
  );

  it('gives the same answer for any query', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const url = `/hooks?${pieces.join('')}`;
        expect(extractPostbackToken(url)).toBe(viaUrlSearchParams(url));
      }),
      { numRuns: 5000 },
    );
  });
});
