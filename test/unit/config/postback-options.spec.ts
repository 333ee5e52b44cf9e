import { inspect } from 'node:util';
import { ZixflowConfigError } from '../../../lib/errors';
import { loadZixflowOptionsFromEnv } from '../../../lib/config/load-zixflow-env';
import { resolveZixflowOptions } from '../../../lib/config/resolve-zixflow-options';
import type { ZixflowPostbackOptions } from '../../../lib/interfaces/zixflow-postback-options.interface';
import { InMemoryZixflowStore } from '../../../lib/store/in-memory-zixflow.store';
import { resolvePostbackConfig } from '../../../lib/postback/resolve-postback-config';

const KEY = 'sk_live_SUPER_SECRET_KEY_123';
const SECRET = 'pb-secret-0123456789abcdefghijkl';

function problemsOf(postback: unknown): string[] {
  try {
    resolveZixflowOptions({ apiKey: KEY, workspaceId: 'ws', postback: postback as ZixflowPostbackOptions });
  } catch (error) {
    expect(error).toBeInstanceOf(ZixflowConfigError);
    const text = `${(error as Error).message} ${inspect(error)}`;
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('short');
    return (error as ZixflowConfigError).problems;
  }
  return [];
}

describe('postback options', () => {
  it('accepts a full, valid configuration and adds the secrets to the redaction list', () => {
    const resolved = resolveZixflowOptions({
      apiKey: KEY,
      workspaceId: 'ws',
      postback: {
        publicUrl: 'https://example.com/webhooks/zixflow',
        secret: [SECRET, `${SECRET}-old`],
        verify: true,
        path: 'webhooks/zixflow',
        maxBodyBytes: 4096,
        ackAfterListeners: true,
      },
    });
    expect(resolved.secrets).toEqual([KEY, 'ws', SECRET, `${SECRET}-old`]);
    expect(resolvePostbackConfig(resolved)).toMatchObject({
      verify: true,
      ackAfterListeners: true,
      maxBodyBytes: 4096,
      workspaceId: 'ws',
    });
  });

  it('fills defaults', () => {
    const config = resolvePostbackConfig(resolveZixflowOptions({ apiKey: KEY, workspaceId: 'ws' }));
    expect(config).toEqual({
      verify: true,
      ackAfterListeners: false,
      maxBodyBytes: 65_536,
      layoutFastPath: true,
      tokenCache: true,
      detectRawBody: true,
      workspaceId: 'ws',
      signer: undefined,
    });
  });

  it('turns each postback fast path off on its own (fastPaths.postbackLayout, .postbackTokenCache)', () => {
    const resolve = (fastPaths: { postbackLayout?: boolean; postbackTokenCache?: boolean }) =>
      resolvePostbackConfig(resolveZixflowOptions({ apiKey: KEY, workspaceId: 'ws', fastPaths }));
    expect(resolve({ postbackLayout: false })).toMatchObject({ layoutFastPath: false, tokenCache: true });
    expect(resolve({ postbackTokenCache: false })).toMatchObject({ layoutFastPath: true, tokenCache: false });
  });

  it('names every malformed postback option, never a secret', () => {
    const problems = problemsOf({
      publicUrl: 'https://example.com/hook',
      secret: ['short', SECRET],
      verify: 'no',
      path: '',
      maxBodyBytes: 0,
      ackAfterListeners: 1,
      detectRawBody: 'no',
      dedup: { maxEntries: 5 },
    }).join('\n');
    for (const name of [
      'postback.secret',
      'postback.verify',
      'postback.detectRawBody',
      'postback.path',
      'postback.maxBodyBytes',
      'postback.ackAfterListeners',
      'postback.dedup was removed in 1.0',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('takes any ZixflowStore as `store`, and names the methods a malformed one lacks', () => {
    const store = new InMemoryZixflowStore();
    expect(resolveZixflowOptions({ apiKey: KEY, workspaceId: 'ws', store }).store).toBe(store);
    let problems: string[] = [];
    try {
      resolveZixflowOptions({
        apiKey: KEY,
        workspaceId: 'ws',
        store: { getStatus: () => undefined } as never,
      });
    } catch (error) {
      problems = (error as ZixflowConfigError).problems;
    }
    expect(problems.join('\n')).toMatch(
      /store must implement ZixflowStore \(missing: claimPostback, releasePostback, markPending, getSettled, subscribe\)/,
    );
  });

  it('refuses a public URL without a secret to sign it, and an empty secret list', () => {
    expect(problemsOf({ publicUrl: 'https://example.com/hook' }).join('\n')).toMatch(
      /publicUrl needs postback\.secret/,
    );
    expect(problemsOf({ secret: [] }).join('\n')).toMatch(/postback\.secret/);
  });
});

describe('loadZixflowOptionsFromEnv postback variables', () => {
  const base = { ZIXFLOW_API_KEY: KEY, ZIXFLOW_WORKSPACE_ID: 'ws' };

  it('reads ZIXFLOW_POSTBACK_URL and a comma-separated ZIXFLOW_POSTBACK_SECRET (first signs)', () => {
    expect(
      loadZixflowOptionsFromEnv({
        ...base,
        ZIXFLOW_POSTBACK_URL: ' https://example.com/webhooks/zixflow ',
        ZIXFLOW_POSTBACK_SECRET: `${SECRET}, ${SECRET}-old ,`,
      }).postback,
    ).toEqual({ publicUrl: 'https://example.com/webhooks/zixflow', secret: [SECRET, `${SECRET}-old`] });
  });

  it('leaves postback out when neither is set', () => {
    expect(loadZixflowOptionsFromEnv({ ...base, ZIXFLOW_POSTBACK_SECRET: ' , ' })).not.toHaveProperty(
      'postback',
    );
  });

  it('tokenMaxAgeMs: ZIXFLOW_POSTBACK_TOKEN_MAX_AGE_MS, a positive integer, default 7 days', () => {
    expect(
      loadZixflowOptionsFromEnv({ ...base, ZIXFLOW_POSTBACK_TOKEN_MAX_AGE_MS: ' 86400000 ' }).postback,
    ).toEqual({
      tokenMaxAgeMs: 86_400_000,
    });
    expect(() => loadZixflowOptionsFromEnv({ ...base, ZIXFLOW_POSTBACK_TOKEN_MAX_AGE_MS: '7d' })).toThrow(
      /ZIXFLOW_POSTBACK_TOKEN_MAX_AGE_MS/,
    );
    for (const tokenMaxAgeMs of [0, -1, 1.5, '1000']) {
      expect(problemsOf({ tokenMaxAgeMs })).toEqual([
        expect.stringMatching(/postback\.tokenMaxAgeMs must be a positive integer/),
      ]);
    }
    const options = resolveZixflowOptions({ apiKey: KEY, workspaceId: 'ws', postback: { secret: SECRET } });
    const signer = resolvePostbackConfig(options).signer;
    const token = signer?.sign('1', 'n', 0) ?? '';
    expect(signer?.expiresAt(token)).toBe(604_800_000);
  });
});
