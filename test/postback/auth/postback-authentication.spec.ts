import { parsePostbackPayload } from '../../../lib/postback/parsing/postback-payload.parser';
import {
  authenticatePostback,
  precheckPostbackToken,
} from '../../../lib/postback/auth/postback-authentication';
import { PostbackTokenSigner, readPostbackToken } from '../../../lib/postback/auth/postback-token.signer';
import { postbackBody } from '../postback-body.fixture';

const WORKSPACE = '69614209f51dfafb2231a6fe';
const signer = new PostbackTokenSigner('a-secret-long-enough');
const event = parsePostbackPayload(postbackBody());
const token = signer.sign(event.recipient);

describe('authenticatePostback', () => {
  it('accepts a valid token from the right workspace', () => {
    expect(authenticatePostback({ token, event, workspaceId: WORKSPACE, signer })).toEqual({ ok: true });
  });

  it.each([
    ['missing', undefined, 'token_missing'],
    ['malformed', 'junk', 'token_malformed'],
    ['forged', `v2.t7jpyv.abc.${'A'.repeat(43)}`, 'token_bad_signature'],
    ['first-version (never expiring)', `v1.abc.${'A'.repeat(43)}`, 'token_expired'],
  ])('answers 401 for a %s token', (_label, badToken, reason) => {
    expect(authenticatePostback({ token: badToken, event, workspaceId: WORKSPACE, signer })).toEqual({
      ok: false,
      httpStatus: 401,
      reason,
    });
  });

  it('answers 401 for a token captured from a message to someone else', () => {
    const other = parsePostbackPayload(postbackBody({ recipient: '"919111111111"' }));
    expect(authenticatePostback({ token, event: other, workspaceId: WORKSPACE, signer })).toMatchObject({
      ok: false,
      httpStatus: 401,
    });
  });

  it('answers 403 for a valid token from another workspace', () => {
    expect(authenticatePostback({ token, event, workspaceId: 'another-workspace', signer })).toEqual({
      ok: false,
      httpStatus: 403,
      reason: 'workspace_mismatch',
    });
  });

  it('checks the token before the workspace, so strangers learn nothing about workspaces', () => {
    expect(authenticatePostback({ token: undefined, event, workspaceId: 'another', signer })).toMatchObject({
      httpStatus: 401,
    });
  });

  it('skips the token but still checks the workspace when verify is false', () => {
    expect(
      authenticatePostback({
        token: undefined,
        event,
        workspaceId: WORKSPACE,
        signer: undefined,
        verify: false,
      }),
    ).toEqual({ ok: true });
    expect(
      authenticatePostback({
        token: undefined,
        event,
        workspaceId: 'another',
        signer: undefined,
        verify: false,
      }),
    ).toMatchObject({ httpStatus: 403 });
  });

  it('skips the workspace check when no workspace is configured', () => {
    expect(authenticatePostback({ token, event, workspaceId: undefined, signer })).toEqual({ ok: true });
  });

  it('fails closed when verification is on but no signer exists', () => {
    expect(authenticatePostback({ token, event, workspaceId: WORKSPACE, signer: undefined })).toEqual({
      ok: false,
      httpStatus: 401,
      reason: 'no_secret_configured',
    });
  });
});

describe('precheckPostbackToken (before the body is read)', () => {
  it.each([
    ['missing', undefined, 'token_missing'],
    ['empty', '', 'token_missing'],
    ['malformed', 'junk', 'token_malformed'],
    ['of an unknown version', `v9.t7jpyv.abc.${'A'.repeat(43)}`, 'token_malformed'],
    ['of the first version (no issue time)', `v1.abc.${'A'.repeat(43)}`, 'token_expired'],
  ])('401 for a %s token', (_label, badToken, reason) => {
    expect(precheckPostbackToken({ token: readPostbackToken(badToken), signer })).toEqual({
      ok: false,
      httpStatus: 401,
      reason,
    });
  });

  it('passes a well-formed token, even a forged one (its recipient is checked once the body is read)', () => {
    expect(precheckPostbackToken({ token: readPostbackToken(token), signer })).toEqual({ ok: true });
    const forged = readPostbackToken(`v2.t7jpyv.abc.${'A'.repeat(43)}`);
    expect(precheckPostbackToken({ token: forged, signer })).toEqual({ ok: true });
  });

  it('401 without a secret; nothing to check with verify: false', () => {
    expect(precheckPostbackToken({ token: readPostbackToken(token), signer: undefined })).toMatchObject({
      reason: 'no_secret_configured',
    });
    const missing = readPostbackToken(undefined);
    expect(precheckPostbackToken({ token: missing, signer: undefined, verify: false })).toEqual({
      ok: true,
    });
  });
});
