import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { ZixflowConfigError } from '../../errors/zixflow-config.error';

export type PostbackTokenVerification = 'ok' | 'missing' | 'malformed' | 'bad_signature';

const VERSION = 'v1';
/** 96 bits: unique per send with overwhelming probability, and only 16 URL characters. */
const NONCE_BYTES = 12;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** An HMAC-SHA256 in unpadded base64url is always 43 characters. */
const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const MAX_TOKEN_LENGTH = VERSION.length + 1 + 64 + 1 + 43;
export const POSTBACK_SECRET_MIN_LENGTH = 16;

/**
 * Signs the token we append to the postback URL, since Zixflow signs nothing. A token is bound to the
 * recipient of the send it was made for: `v1.<nonce>.<base64url HMAC-SHA256(secret, "v1\n" + nonce +
 * "\n" + recipient)>`, so one leaked from a message cannot vouch for postbacks about anyone else.
 * With several secrets the first signs and all verify, for rotation. Secrets are held as KeyObjects,
 * which never print their material, so logging this object is safe.
 */
export class PostbackTokenSigner {
  private readonly keys: readonly KeyObject[];

  constructor(secrets: string | readonly string[]) {
    const list: readonly unknown[] =
      typeof secrets === 'string' ? [secrets] : Array.isArray(secrets) ? secrets : [];
    const problems: string[] = [];
    if (list.length === 0) problems.push('postback secret is missing');
    list.forEach((secret, i) => {
      if (typeof secret !== 'string' || secret.length < POSTBACK_SECRET_MIN_LENGTH) {
        problems.push(
          `postback secret #${i + 1} must be a string of at least ${POSTBACK_SECRET_MIN_LENGTH} characters`,
        );
      }
    });
    if (problems.length > 0) throw new ZixflowConfigError(problems);
    this.keys = (list as string[]).map((secret) => createSecretKey(Buffer.from(secret, 'utf8')));
  }

  /** A fresh token for a send to `recipient` (exactly the string sent to Zixflow). `nonce` is for tests. */
  sign(recipient: string, nonce: string = randomBytes(NONCE_BYTES).toString('base64url')): string {
    if (!NONCE_PATTERN.test(nonce)) {
      throw new ZixflowConfigError(['postback token nonce must be 1 to 64 base64url characters']);
    }
    return `${VERSION}.${nonce}.${mac(this.keys[0], nonce, recipient)}`;
  }

  /**
   * Whether `token` has the shape of one of ours, without the HMAC (which needs the body's recipient):
   * lets a caller without a usable token be refused before its body is read.
   */
  checkShape(token: string | undefined): 'ok' | 'missing' | 'malformed' {
    const parts = splitToken(token);
    return typeof parts === 'string' ? parts : 'ok';
  }

  /** Checks `token` against the postback's recipient. Never throws, whatever `token` holds. */
  verify(token: string | undefined, recipient: string): PostbackTokenVerification {
    const parts = splitToken(token);
    if (typeof parts === 'string') return parts;
    if (typeof recipient !== 'string') return 'malformed';
    const { nonce, signature } = parts;
    // Compare the base64url text, not decoded bytes: the last character carries 2 bits the decoder
    // ignores, so comparing bytes would accept 4 spellings of every signature.
    const given = Buffer.from(signature, 'latin1');
    let matched = false;
    for (const key of this.keys) {
      // No early exit: the time taken does not reveal which secret (if any) matched.
      if (timingSafeEqual(Buffer.from(mac(key, nonce, recipient), 'latin1'), given)) matched = true;
    }
    return matched ? 'ok' : 'bad_signature';
  }
}

/** The token's nonce and signature, or why it has none. */
function splitToken(
  token: string | undefined,
): { nonce: string; signature: string } | 'missing' | 'malformed' {
  if (token === undefined || token === null || token === '') return 'missing';
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return 'malformed';
  const firstDot = token.indexOf('.');
  const secondDot = token.indexOf('.', firstDot + 1);
  if (firstDot < 0 || secondDot < 0) return 'malformed';
  const nonce = token.slice(firstDot + 1, secondDot);
  const signature = token.slice(secondDot + 1);
  if (
    token.slice(0, firstDot) !== VERSION ||
    !NONCE_PATTERN.test(nonce) ||
    !SIGNATURE_PATTERN.test(signature)
  ) {
    return 'malformed';
  }
  return { nonce, signature };
}

function mac(key: KeyObject, nonce: string, recipient: string): string {
  // The nonce holds no newline, so this layout is unambiguous for any recipient.
  return createHmac('sha256', key).update(`${VERSION}\n${nonce}\n${recipient}`, 'utf8').digest('base64url');
}
