import { ZixflowConfigError } from '../../../lib/errors/zixflow-config.error';
import { PostbackTokenSigner } from '../../../lib/postback/auth/postback-token.signer';
import { inspect } from 'node:util';

const OLD = 'old-secret-0123456789';
const NEW = 'new-secret-abcdefghij';
const RECIPIENT = '919090909090';

describe('PostbackTokenSigner', () => {
  it('signs a compact URL-safe v1 token that verifies for its recipient', () => {
    const signer = new PostbackTokenSigner(NEW);
    const token = signer.sign(RECIPIENT);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/);
    expect(signer.verify(token, RECIPIENT)).toBe('ok');
  });

  it('uses a fresh 96-bit nonce each time', () => {
    const signer = new PostbackTokenSigner(NEW);
    const nonces = new Set(Array.from({ length: 200 }, () => signer.sign(RECIPIENT).split('.')[1]));
    expect(nonces.size).toBe(200);
  });

  it('is deterministic for a given nonce and matches the documented layout', () => {
    const signer = new PostbackTokenSigner(NEW);
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const expected = createHmac('sha256', NEW).update(`v1\nabc\n${RECIPIENT}`).digest('base64url');
    expect(signer.sign(RECIPIENT, 'abc')).toBe(`v1.abc.${expected}`);
  });

  it('does not authenticate a postback about another recipient', () => {
    const signer = new PostbackTokenSigner(NEW);
    const token = signer.sign(RECIPIENT);
    expect(signer.verify(token, '919090909091')).toBe('bad_signature');
    expect(signer.verify(token, `${RECIPIENT} `)).toBe('bad_signature');
    expect(signer.verify(token, '')).toBe('bad_signature');
  });

  it('rotates: first secret signs, every secret verifies', () => {
    const before = new PostbackTokenSigner(OLD);
    const during = new PostbackTokenSigner([NEW, OLD]);
    const after = new PostbackTokenSigner(NEW);
    const oldToken = before.sign(RECIPIENT);
    expect(during.verify(oldToken, RECIPIENT)).toBe('ok');
    const newToken = during.sign(RECIPIENT);
    expect(after.verify(newToken, RECIPIENT)).toBe('ok');
    expect(before.verify(newToken, RECIPIENT)).toBe('bad_signature');
    expect(after.verify(oldToken, RECIPIENT)).toBe('bad_signature');
  });

  it('answers bad_signature or malformed when any single character is changed', () => {
    const signer = new PostbackTokenSigner(NEW);
    const token = signer.sign(RECIPIENT);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    for (let i = 0; i < token.length; i++) {
      for (const c of alphabet) {
        if (c === token[i]) continue;
        const tampered = token.slice(0, i) + c + token.slice(i + 1);
        expect([i, signer.verify(tampered, RECIPIENT)]).toEqual([
          i,
          expect.stringMatching(/^(bad_signature|malformed)$/),
        ]);
      }
    }
    // Every signature character matters, the last one's low bits included.
    for (const c of alphabet.slice(0, -1)) {
      if (c === token[token.length - 1]) continue;
      expect(signer.verify(token.slice(0, -1) + c, RECIPIENT)).toBe('bad_signature');
    }
  });

  it.each([
    ['undefined', undefined, 'missing'],
    ['empty', '', 'missing'],
    ['garbage', 'hello', 'malformed'],
    ['two parts', 'v1.abc', 'malformed'],
    ['four parts', `v1.abc.${'A'.repeat(43)}.x`, 'malformed'],
    ['wrong version', `v2.abc.${'A'.repeat(43)}`, 'malformed'],
    ['empty nonce', `v1..${'A'.repeat(43)}`, 'malformed'],
    ['short signature', `v1.abc.${'A'.repeat(42)}`, 'malformed'],
    ['padded signature', `v1.abc.${'A'.repeat(42)}=`, 'malformed'],
    ['standard base64', `v1.abc.${'A'.repeat(42)}+`, 'malformed'],
    ['huge', `v1.${'a'.repeat(100_000)}.${'A'.repeat(43)}`, 'malformed'],
    ['non-ASCII', `v1.abc.${'é'.repeat(43)}`, 'malformed'],
    ['well formed, wrong', `v1.abc.${'A'.repeat(43)}`, 'bad_signature'],
  ] as const)('verify(%s) is %s, never throwing', (_label, token, expected) => {
    expect(new PostbackTokenSigner(NEW).verify(token, RECIPIENT)).toBe(expected);
  });

  it('never throws on non-string junk at runtime', () => {
    const signer = new PostbackTokenSigner(NEW);
    for (const junk of [null, 42, {}, ['v1'], Symbol('x')]) {
      expect(() => signer.verify(junk as unknown as string, RECIPIENT)).not.toThrow();
    }
  });

  it.each([
    ['empty list', []],
    ['empty secret', ''],
    ['short secret', 'short'],
    ['15 characters', 'x'.repeat(15)],
    ['one short among good', [NEW, 'short']],
    ['non-string', [NEW, 42 as unknown as string]],
  ])('refuses %s with ZixflowConfigError', (_label, secrets) => {
    expect(() => new PostbackTokenSigner(secrets)).toThrow(ZixflowConfigError);
  });

  it('does not reveal the secret in errors or when inspected', () => {
    try {
      new PostbackTokenSigner(['a-short-secret!']);
    } catch (error) {
      expect(String(error)).not.toContain('a-short-secret');
    }
    const signer = new PostbackTokenSigner(NEW);
    expect(inspect(signer, { depth: 5 })).not.toContain(NEW);
    expect(JSON.stringify(signer)).not.toContain(NEW);
  });

  it('refuses a nonce that would not be URL-safe', () => {
    expect(() => new PostbackTokenSigner(NEW).sign(RECIPIENT, 'a.b')).toThrow(ZixflowConfigError);
  });
});
