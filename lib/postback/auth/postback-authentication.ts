import type { ZixflowPostbackEvent } from '../interfaces/zixflow-postback-event.interface';
import type { PostbackTokenReading, PostbackTokenSigner } from './postback-token.signer';
import type { PostbackTokenVerifier } from './verified-token.cache';

export type PostbackAuthFailureReason =
  | 'token_missing'
  | 'token_malformed'
  | 'token_bad_signature'
  | 'token_expired'
  | 'no_secret_configured'
  | 'workspace_mismatch';

export type PostbackAuthResult =
  { ok: true } | { ok: false; httpStatus: 401 | 403; reason: PostbackAuthFailureReason };

export interface AuthenticatePostbackInput {
  /** From extractPostbackToken(request URL). */
  token: string | undefined;
  event: ZixflowPostbackEvent;
  /** The workspace this app sends from; undefined skips the workspace check. */
  workspaceId: string | undefined;
  /** Required unless `verify` is false: a PostbackTokenSigner, or a VerifiedTokenCache over one. */
  signer: PostbackTokenVerifier | undefined;
  /** False accepts unsigned postbacks (for a caller-supplied `postBackUrl`). Default true. */
  verify?: boolean;
}

const TOKEN_FAILURES = {
  missing: 'token_missing',
  malformed: 'token_malformed',
  bad_signature: 'token_bad_signature',
  expired: 'token_expired',
} as const;

export interface PrecheckPostbackTokenInput {
  /** The URL's token as readPostbackToken read it (once per postback: the guard also takes the sendId from it). */
  token: PostbackTokenReading;
  /** Whether a postback secret is configured. */
  signer: PostbackTokenSigner | undefined;
  verify?: boolean;
}

/**
 * What can be said of a postback before its body is read: with verification on, a secret must be
 * configured and the token must have our shape (401 otherwise). So a caller without a usable token gets
 * 401 and learns nothing about the payload's schema; the recipient binding waits for the body.
 */
export function precheckPostbackToken(input: PrecheckPostbackTokenInput): PostbackAuthResult {
  if (input.verify === false) return { ok: true };
  if (input.signer === undefined) return { ok: false, httpStatus: 401, reason: 'no_secret_configured' };
  const { token } = input;
  return typeof token !== 'string'
    ? { ok: true }
    : { ok: false, httpStatus: 401, reason: TOKEN_FAILURES[token] };
}

/**
 * Decides whether a parsed postback may be processed. The token is checked first (401), the workspace
 * second (403), so a caller without a valid token learns nothing about which workspace we expect.
 * Pure and synchronous: the guard maps a failure to its HTTP status and does nothing else.
 */
export function authenticatePostback(input: AuthenticatePostbackInput): PostbackAuthResult {
  if (input.verify !== false) {
    // Fail closed: verification on without a secret is a misconfiguration, not a reason to let all in.
    if (input.signer === undefined) return { ok: false, httpStatus: 401, reason: 'no_secret_configured' };
    const verdict = input.signer.verify(input.token, input.event.recipient);
    if (verdict !== 'ok') return { ok: false, httpStatus: 401, reason: TOKEN_FAILURES[verdict] };
  }
  if (input.workspaceId !== undefined && input.event.workspaceId !== input.workspaceId) {
    return { ok: false, httpStatus: 403, reason: 'workspace_mismatch' };
  }
  return { ok: true };
}
