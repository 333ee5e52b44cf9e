import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { ZixflowConfigError } from '../../errors/zixflow-config.error';

export type PostbackTokenVerification = 'ok' | 'missing' | 'malformed' | 'bad_signature' | 'expired';

/** Verification options of a PostbackTokenSigner. */
export interface PostbackTokenSignerOptions {
  /** Tokens issued longer ago than this are refused ('expired'). Default 7 days. */
  maxAgeMs?: number;
  /** Milliseconds since the epoch; injectable for tests. Default Date.now. */
  now?: () => number;
  /**
   * The named instance the tokens are for (a WORKSPACE_NAME_PATTERN name), bound into their HMAC: a token
   * signed for one instance fails another's check even when both share a secret. Undefined (the unnamed
   * instance) signs exactly as before names existed, so its tokens stay valid.
   */
  workspace?: string;
}

/** 7 days: longer than Zixflow's 48 h of retries plus slow carriers' late delivery reports. */
export const DEFAULT_POSTBACK_TOKEN_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** Issue times this far ahead of our clock are tolerated (several instances, slightly skewed clocks). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const VERSION = 'v2';
/** Issue time in whole seconds since the epoch, base 36 (6 characters until 2038, 7 after). */
const ISSUED_PATTERN = /^[0-9a-z]{1,8}$/;
/** 96 bits: unique per send with overwhelming probability, and only 16 URL characters. */
const NONCE_BYTES = 12;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/**
 * `v2.<issued>.<nonce>.<signature>`, read in one pass: issue time and nonce as above, and the signature, an
 * HMAC-SHA256 in unpadded base64url (always 43 characters).
 */
const TOKEN_PATTERN = /^v2\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/;
/**
 * A token of the first version, `v1.<nonce>.<signature>` whatever the parts hold: it carries no issue time,
 * so it could never expire; refused.
 */
const UNDATED_PATTERN = /^v1\.[^.]*\.[^.]*$/;
const MAX_TOKEN_LENGTH = VERSION.length + 1 + 8 + 1 + 64 + 1 + 43;
export const POSTBACK_SECRET_MIN_LENGTH = 16;

/**
 * Signs the token we append to the postback URL, since Zixflow signs nothing. A token is bound to the
 * recipient of the send it was made for and to its issue time: `v2.<issued>.<nonce>.<base64url
 * HMAC-SHA256(secret, "v2\n" + issued + "\n" + nonce + "\n" + recipient)>`, `issued` being whole seconds
 * since the epoch in base 36. So one leaked from a message cannot vouch for postbacks about anyone else,
 * nor for anything after `maxAgeMs`. About 70 characters. A named instance's tokens have the same shape, but
 * its HMAC's first line is `v2@<name>` instead of `v2`, so they are valid for that instance only.
 * With several secrets the first signs and all verify, for rotation. Secrets are held as KeyObjects,
 * which never print their material, so logging this object is safe.
 */
export class PostbackTokenSigner {
  private readonly keys: readonly KeyObject[];
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  /** The HMAC's first line: the version, and the instance's name when it has one. */
  private readonly domain: string;

  constructor(secrets: string | readonly string[], options: PostbackTokenSignerOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_POSTBACK_TOKEN_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
    // Names hold no newline (WORKSPACE_NAME_PATTERN), so `v2@<name>` can't be mistaken for another layout.
    this.domain = options.workspace === undefined ? VERSION : `${VERSION}@${options.workspace}`;
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
    if (!Number.isSafeInteger(this.maxAgeMs) || this.maxAgeMs < 1) {
      problems.push('postback tokenMaxAgeMs must be a positive integer');
    }
    if (problems.length > 0) throw new ZixflowConfigError(problems);
    this.keys = (list as string[]).map((secret) => createSecretKey(Buffer.from(secret, 'utf8')));
  }

  /**
   * A fresh token for a send to `recipient` (exactly the string sent to Zixflow), issued now. `nonce` is the
   * send's `sendId`, so every postback names the send that caused it; random when not given.
   */
  sign(
    recipient: string,
    nonce: string = randomBytes(NONCE_BYTES).toString('base64url'),
    issuedAtMs: number = this.now(),
  ): string {
    if (!NONCE_PATTERN.test(nonce)) {
      throw new ZixflowConfigError(['postback token nonce must be 1 to 64 base64url characters']);
    }
    const issued = Math.floor(issuedAtMs / 1000).toString(36);
    if (!ISSUED_PATTERN.test(issued))
      throw new ZixflowConfigError(['postback token issue time is out of range']);
    return `${VERSION}.${issued}.${nonce}.${mac(this.keys[0], this.domain, issued, nonce, recipient)}`;
  }

  /** When `token` (well formed) stops being accepted, in ms since the epoch; NaN when it is not ours. */
  expiresAt(token: string): number {
    const parts = readPostbackToken(token);
    return typeof parts === 'string' ? Number.NaN : parts.issuedAtMs + this.maxAgeMs;
  }

  /** Checks `token` against the postback's recipient. Never throws, whatever `token` holds. */
  verify(token: string | undefined, recipient: string): PostbackTokenVerification {
    const parts = readPostbackToken(token);
    if (typeof parts === 'string') return parts;
    if (typeof recipient !== 'string') return 'malformed';
    const { issued, issuedAtMs, nonce, signature } = parts;
    // Compare the base64url text, not decoded bytes: the last character carries 2 bits the decoder
    // ignores, so comparing bytes would accept 4 spellings of every signature.
    const given = Buffer.from(signature, 'latin1');
    let matched = false;
    for (const key of this.keys) {
      // No early exit: the time taken does not reveal which secret (if any) matched.
      const expected = mac(key, this.domain, issued, nonce, recipient);
      if (timingSafeEqual(Buffer.from(expected, 'latin1'), given)) matched = true;
    }
    if (!matched) return 'bad_signature';
    // Only once the signature holds, so 'expired' always means a genuine token of ours, too old.
    const now = this.now();
    return now - issuedAtMs > this.maxAgeMs || issuedAtMs - now > CLOCK_SKEW_MS ? 'expired' : 'ok';
  }
}

/**
 * The nonce (the send's `sendId`; a random one, naming no send, in tokens signed before 1.0) and issue time
 * of a well-formed token, without checking its signature: call it only for a token already verified.
 * Undefined when `token` is not well formed.
 */
export function postbackTokenSend(
  token: string | undefined,
): { sendId: string; issuedAtMs: number } | undefined {
  const parts = readPostbackToken(token);
  return typeof parts === 'string' ? undefined : { sendId: parts.nonce, issuedAtMs: parts.issuedAtMs };
}

/** A well-formed token's parts, signature unchecked. `nonce` is the send's `sendId` (see postbackTokenSend). */
export interface PostbackTokenParts {
  issued: string;
  issuedAtMs: number;
  nonce: string;
  signature: string;
}

/** What a token's text says: its parts, or why it has none (before any HMAC). */
export type PostbackTokenReading = PostbackTokenParts | 'missing' | 'malformed' | 'expired';

/**
 * The token's parts, or why it has none: lets a caller without a usable token be refused before its body
 * is read. A token of the first version (no issue time) is 'expired': it says what happened (made before
 * tokens expired) without the HMAC.
 */
export function readPostbackToken(token: string | undefined): PostbackTokenReading {
  if (token === undefined || token === null || token === '') return 'missing';
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return 'malformed';
  const match = TOKEN_PATTERN.exec(token);
  if (match === null) return UNDATED_PATTERN.test(token) ? 'expired' : 'malformed';
  const [, issued, nonce, signature] = match;
  return { issued, issuedAtMs: parseInt(issued, 36) * 1000, nonce, signature };
}

function mac(key: KeyObject, domain: string, issued: string, nonce: string, recipient: string): string {
  // Neither domain, issue time nor nonce holds a newline, so this layout is unambiguous for any recipient.
  return createHmac('sha256', key)
    .update(`${domain}\n${issued}\n${nonce}\n${recipient}`, 'utf8')
    .digest('base64url');
}
