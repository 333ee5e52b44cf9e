import type { PostbackAuthFailureReason } from './postback-authentication';

/** Reasons sent back with 401/403; they name the problem, never the expected values. */
export const POSTBACK_AUTH_FAILURE_MESSAGES: Readonly<Record<PostbackAuthFailureReason, string>> = {
  token_missing: 'postback token is missing',
  token_malformed: 'postback token is malformed',
  token_bad_signature: 'postback token does not match this postback',
  token_expired:
    'postback token has expired (issued longer ago than postback.tokenMaxAgeMs, or by a version whose tokens carried no issue time)',
  no_secret_configured: 'postbacks cannot be verified: no postback secret is configured',
  workspace_mismatch: 'workspace_id does not belong to this application',
};
