import fc from 'fast-check';
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

describe('redactSecrets, against every window looked up', () => {
  /** The secret and its base64 and base64url forms at the three byte alignments, as the module defines them. */
  function formsOf(secret: string): string[] {
    const forms = [secret];
    for (let offset = 0; offset < 3; offset++) {
      const encoded = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret)]).toString('base64');
      const inner = offset === 0 ? encoded : encoded.slice(4);
      forms.push(inner, inner.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    }
    return forms;
  }
  const lower = (text: string): string => text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());

  /** The rule spelled out: every 8-unit window whose lower case is a run of a form is covered. */
  function reference(text: string, secrets: readonly string[]): string {
    const runs = new Set<string>();
    for (const secret of secrets.filter((s) => s.length >= 8)) {
      for (const form of formsOf(secret).map(lower)) {
        for (let i = 0; i + 8 <= form.length; i++) runs.add(form.slice(i, i + 8));
      }
    }
    const low = lower(text);
    const covered = new Array<boolean>(text.length).fill(false);
    for (let i = 0; i + 8 <= low.length; i++) {
      if (runs.has(low.slice(i, i + 8))) covered.fill(true, i, i + 8);
    }
    let out = '';
    for (let i = 0; i < text.length; i++) {
      if (!covered[i]) out += text[i];
      else if (i === 0 || !covered[i - 1]) out += '[REDACTED]';
    }
    return out;
  }

  it('redacts exactly the windows the rule names, in texts built of secret fragments and other text', () => {
    const secrets = [KEY, SECRET];
    const fragment = fc.oneof(
      fc.constantFrom(...secrets.flatMap(formsOf)).chain((form) =>
        fc
          .tuple(fc.nat(form.length), fc.nat(form.length))
          .map(([a, b]) => form.slice(Math.min(a, b), Math.max(a, b)))
          .chain((piece) => fc.constantFrom(piece, piece.toUpperCase(), piece.toLowerCase())),
      ),
      fc.string({ maxLength: 12 }),
      fc.constantFrom(' ', 'SMS request queued successfully', 'İ', '😀', '-', '_'),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        expect(redactSecrets(text, secrets)).toBe(reference(text, secrets));
      }),
      { numRuns: 2_000 },
    );
  });
});
