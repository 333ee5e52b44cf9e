import { ZixflowConfigError } from '../../../lib/errors/zixflow-config.error';
import {
  PostbackTokenSigner,
  postbackTokenSend,
  readPostbackToken,
} from '../../../lib/postback/auth/postback-token.signer';
import { inspect } from 'node:util';

const OLD = 'old-secret-0123456789';
const NEW = 'new-secret-abcdefghij';
const RECIPIENT = '919090909090';

describe('PostbackTokenSigner', () => {
  it('signs a compact URL-safe v2 token (issue time, nonce, HMAC) that verifies for its recipient', () => {
    const signer = new PostbackTokenSigner(NEW);
    const token = signer.sign(RECIPIENT);
    expect(token).toMatch(/^v2\.[0-9a-z]{6,7}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}$/);
    expect(token.length).toBeLessThanOrEqual(71);
    expect(signer.verify(token, RECIPIENT)).toBe('ok');
  });

  it('uses a fresh 96-bit nonce each time', () => {
    const signer = new PostbackTokenSigner(NEW);
    const nonces = new Set(Array.from({ length: 200 }, () => signer.sign(RECIPIENT).split('.')[2]));
    expect(nonces.size).toBe(200);
  });

  it('is deterministic for a given nonce and matches the documented layout', () => {
    const signer = new PostbackTokenSigner(NEW);
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const issuedAt = Date.UTC(2026, 0, 28, 17, 17, 59, 999);
    const issued = Math.floor(issuedAt / 1000).toString(36);
    expect(issued).toBe('t9l41z');
    const expected = createHmac('sha256', NEW).update(`v2\n${issued}\nabc\n${RECIPIENT}`).digest('base64url');
    expect(signer.sign(RECIPIENT, 'abc', issuedAt)).toBe(`v2.${issued}.abc.${expected}`);
  });

  it('binds a named instance into the HMAC (v2@<name>), so one secret shared by instances cannot cross', () => {
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const issuedAt = Date.UTC(2026, 0, 28, 17, 17, 59);
    const issued = Math.floor(issuedAt / 1000).toString(36);
    const now = () => issuedAt;
    const marketing = new PostbackTokenSigner(NEW, { workspace: 'marketing', now });
    const alerts = new PostbackTokenSigner(NEW, { workspace: 'alerts', now });
    const unnamed = new PostbackTokenSigner(NEW, { now });
    const token = marketing.sign(RECIPIENT, 'abc', issuedAt);
    const expected = createHmac('sha256', NEW)
      .update(`v2@marketing\n${issued}\nabc\n${RECIPIENT}`)
      .digest('base64url');
    expect(token).toBe(`v2.${issued}.abc.${expected}`);
    expect(marketing.verify(token, RECIPIENT)).toBe('ok');
    expect(alerts.verify(token, RECIPIENT)).toBe('bad_signature');
    expect(unnamed.verify(token, RECIPIENT)).toBe('bad_signature');
    expect(marketing.verify(unnamed.sign(RECIPIENT), RECIPIENT)).toBe('bad_signature');
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
    ['three parts', 'v2.abc.def', 'malformed'],
    ['five parts', `v2.t7jpyv.abc.${'A'.repeat(43)}.x`, 'malformed'],
    ['unknown version', `v3.t7jpyv.abc.${'A'.repeat(43)}`, 'malformed'],
    ['issue time not base 36', `v2.T7JPYV.abc.${'A'.repeat(43)}`, 'malformed'],
    ['empty issue time', `v2..abc.${'A'.repeat(43)}`, 'malformed'],
    ['empty nonce', `v2.t7jpyv..${'A'.repeat(43)}`, 'malformed'],
    ['short signature', `v2.t7jpyv.abc.${'A'.repeat(42)}`, 'malformed'],
    ['padded signature', `v2.t7jpyv.abc.${'A'.repeat(42)}=`, 'malformed'],
    ['standard base64', `v2.t7jpyv.abc.${'A'.repeat(42)}+`, 'malformed'],
    ['huge', `v2.t7jpyv.${'a'.repeat(100_000)}.${'A'.repeat(43)}`, 'malformed'],
    ['non-ASCII', `v2.t7jpyv.abc.${'é'.repeat(43)}`, 'malformed'],
    ['well formed, wrong', `v2.t7jpyv.abc.${'A'.repeat(43)}`, 'bad_signature'],
    ['first version (no issue time)', `v1.abc.${'A'.repeat(43)}`, 'expired'],
    ['first version, any parts', 'v1..', 'expired'],
    ['first version, four parts', `v1.t7jpyv.abc.${'A'.repeat(43)}`, 'malformed'],
    ['first version, two parts', 'v1.abc', 'malformed'],
    ['trailing newline', `v2.t7jpyv.abc.${'A'.repeat(43)}\n`, 'malformed'],
  ] as const)('verify(%s) is %s, never throwing', (_label, token, expected) => {
    expect(new PostbackTokenSigner(NEW).verify(token, RECIPIENT)).toBe(expected);
  });

  describe('expiry', () => {
    const DAY = 24 * 60 * 60 * 1000;
    const issuedAt = Date.UTC(2026, 0, 28, 12, 0, 0);
    const at = (now: number, maxAgeMs?: number) => new PostbackTokenSigner(NEW, { now: () => now, maxAgeMs });

    it('accepts a token up to tokenMaxAgeMs after its issue (default 7 days), then answers expired', () => {
      const token = at(issuedAt).sign(RECIPIENT);
      expect(at(issuedAt + 7 * DAY).verify(token, RECIPIENT)).toBe('ok');
      expect(at(issuedAt + 7 * DAY + 1).verify(token, RECIPIENT)).toBe('expired');
      expect(at(issuedAt + 2 * DAY, DAY).verify(token, RECIPIENT)).toBe('expired');
      expect(at(issuedAt + DAY, DAY).verify(token, RECIPIENT)).toBe('ok');
      expect(at(issuedAt).expiresAt(token)).toBe(issuedAt + 7 * DAY);
    });

    it('says expired only for a genuine token: a forged or misdirected old one is bad_signature', () => {
      const token = at(issuedAt).sign(RECIPIENT);
      const late = at(issuedAt + 30 * DAY);
      expect(late.verify(token, '919111111111')).toBe('bad_signature');
      const [v, issued, nonce] = token.split('.');
      expect(late.verify(`${v}.${issued}.${nonce}.${'A'.repeat(43)}`, RECIPIENT)).toBe('bad_signature');
      // The issue time is signed: moving it forward breaks the signature.
      const moved = `${v}.${(parseInt(issued, 36) + 30 * 86_400).toString(36)}.${nonce}.${token.split('.')[3]}`;
      expect(late.verify(moved, RECIPIENT)).toBe('bad_signature');
    });

    it('tolerates 5 minutes of clock skew for a token issued in the future, not more', () => {
      const signer = at(issuedAt);
      expect(signer.verify(signer.sign(RECIPIENT, 'n', issuedAt + 5 * 60_000), RECIPIENT)).toBe('ok');
      expect(signer.verify(signer.sign(RECIPIENT, 'n', issuedAt + 6 * 60_000), RECIPIENT)).toBe('expired');
    });

    it('readPostbackToken refuses a first-version token before any HMAC; tokenMaxAgeMs must be positive', () => {
      expect(readPostbackToken(`v1.abc.${'A'.repeat(43)}`)).toBe('expired');
      const signed = at(issuedAt).sign(RECIPIENT, 'the-send');
      expect(readPostbackToken(signed)).toMatchObject({ nonce: 'the-send', issuedAtMs: issuedAt });
      expect(postbackTokenSend(signed)).toEqual({ sendId: 'the-send', issuedAtMs: issuedAt });
      expect(postbackTokenSend(`v1.abc.${'A'.repeat(43)}`)).toBeUndefined();
      for (const maxAgeMs of [0, -1, 1.5, Number.NaN]) {
        expect(() => new PostbackTokenSigner(NEW, { maxAgeMs })).toThrow(ZixflowConfigError);
      }
    });
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
