import { redactSecrets } from '../../../lib/utils/redact';

const KEY = 'sk_live_AbCdEf0123456789XyZ';
const SECRET = 'postback-Secret-0123456789-abcdefgh';
const SECRETS = [KEY, 'ws_1', SECRET];

describe('redactSecrets', () => {
  it.each([
    ['the exact key', `invalid key ${KEY}`],
    ['the key lower-cased', `invalid key ${KEY.toLowerCase()}`],
    ['the key upper-cased', `INVALID KEY ${KEY.toUpperCase()}`],
    ['a 16-character prefix', `key ${KEY.slice(0, 16)}... is unknown`],
    ['an 8-character run from the middle', `fragment ${KEY.slice(9, 17)} seen`],
    ['its base64 form', `auth=${Buffer.from(KEY).toString('base64')}`],
    ['its base64url form', `auth=${Buffer.from(KEY).toString('base64url')}`],
    ['inside a Basic auth header', `Basic ${Buffer.from(`user:${KEY}`).toString('base64')}`],
    ['inside a longer base64 text at another alignment', Buffer.from(`ab:${KEY}:tail`).toString('base64')],
    ['the postback secret', `bad secret ${SECRET.slice(3, 20)}`],
  ])('redacts %s', (_name, text) => {
    const out = redactSecrets(text, SECRETS);
    expect(out).toContain('[REDACTED]');
    const lower = out.toLowerCase();
    for (const secret of [KEY, SECRET]) {
      for (const form of [secret, Buffer.from(secret).toString('base64')]) {
        for (let i = 0; i + 8 <= form.length; i++)
          expect(lower).not.toContain(form.slice(i, i + 8).toLowerCase());
      }
    }
  });

  it('keeps the text around each run, and separate runs separate', () => {
    expect(redactSecrets(`a ${KEY} b ${KEY.slice(0, 10)} c`, SECRETS)).toBe('a [REDACTED] b [REDACTED] c');
  });

  it('leaves runs shorter than 8 characters and unrelated text alone', () => {
    const text = `Insufficient credits for ${KEY.slice(0, 7)} (workspace ok)`;
    expect(redactSecrets(text, SECRETS)).toBe(text);
  });

  it('redacts a secret shorter than 8 characters where it appears whole', () => {
    expect(redactSecrets('workspace ws_1 unknown', SECRETS)).toBe('workspace [REDACTED] unknown');
  });

  it('keeps indexes right around characters whose lower case is longer', () => {
    expect(redactSecrets(`İİ ${KEY} İ`, SECRETS)).toBe('İİ [REDACTED] İ');
  });
});
