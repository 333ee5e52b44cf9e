import { inspect } from 'node:util';
import { ZixflowConfigError } from '../../../lib/errors';
import { resolveZixflowOptions } from '../../../lib/config/resolve-zixflow-options';
import { loadZixflowOptionsFromEnv } from '../../../lib/config/load-zixflow-env';

const KEY = 'sk_live_SUPER_SECRET_KEY_123';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ZixflowConfigError);
    const e = error as ZixflowConfigError;
    expect(e.message).not.toContain(KEY);
    expect(JSON.stringify(e)).not.toContain(KEY);
    expect(inspect(e)).not.toContain(KEY);
    return e.problems;
  }
  return [];
}

describe('resolveZixflowOptions', () => {
  it('fills defaults', () => {
    const resolved = resolveZixflowOptions({ apiKey: KEY, workspaceId: 'ws' });
    expect(resolved.baseUrl).toBe('https://api-ai.zixflow.com');
    expect(resolved.timeoutMs).toBe(10_000);
    expect(resolved.connectTimeoutMs).toBe(5_000);
    expect(resolved.defaults).toEqual({});
    expect(resolved.secrets).toEqual([KEY, 'ws']);
  });

  it('strips a trailing slash from baseUrl', () => {
    expect(
      resolveZixflowOptions({ apiKey: KEY, workspaceId: 'ws', baseUrl: 'http://127.0.0.1:4010/' }).baseUrl,
    ).toBe('http://127.0.0.1:4010');
  });

  it('names every missing or malformed option and never the key', () => {
    expect(problemsOf(() => resolveZixflowOptions({} as never))).toEqual([
      expect.stringContaining('apiKey is required'),
      expect.stringContaining('workspaceId is required'),
    ]);
    const problems = problemsOf(() =>
      resolveZixflowOptions({
        apiKey: KEY,
        workspaceId: 'ws',
        baseUrl: 'ftp://x',
        timeoutMs: -1,
        defaults: { route: 'bulk' as never, dltEntityId: '12a' },
        http: { adapter: 'fetch' as never },
        retry: { maxAttempts: 0 },
        postback: { publicUrl: 'nope' },
      }),
    );
    expect(problems.join('\n')).toMatch(/baseUrl/);
    expect(problems.join('\n')).toMatch(/timeoutMs/);
    expect(problems.join('\n')).toMatch(/defaults\.route/);
    expect(problems.join('\n')).toMatch(/defaults\.dltEntityId/);
    expect(problems.join('\n')).toMatch(/http\.adapter/);
    expect(problems.join('\n')).toMatch(/retry\.maxAttempts/);
    expect(problems.join('\n')).toMatch(/postback\.publicUrl/);
  });

  it('rejects a non-object', () => {
    expect(problemsOf(() => resolveZixflowOptions(undefined))).toHaveLength(1);
  });

  it('accepts every fastPaths switch as a boolean', () => {
    const fastPaths = {
      directDispatch: false,
      precompiledValidation: true,
      postbackLayout: false,
      postbackTokenCache: false,
    };
    expect(resolveZixflowOptions({ apiKey: KEY, workspaceId: 'ws', fastPaths }).fastPaths).toEqual(fastPaths);
  });

  it('names every fastPaths switch that is not a boolean, with the other problems, in one error', () => {
    const problems = problemsOf(() =>
      resolveZixflowOptions({
        apiKey: KEY,
        workspaceId: 'ws',
        timeoutMs: 0,
        fastPaths: {
          directDispatch: 'false',
          precompiledValidation: 0,
          postbackLayout: null,
          postbackTokenCache: 'off',
        } as never,
      }),
    );
    expect(problems).toEqual([
      expect.stringContaining('timeoutMs'),
      'fastPaths.directDispatch must be a boolean',
      'fastPaths.precompiledValidation must be a boolean',
      'fastPaths.postbackLayout must be a boolean',
      'fastPaths.postbackTokenCache must be a boolean',
    ]);
    expect(
      problemsOf(() => resolveZixflowOptions({ apiKey: KEY, workspaceId: 'ws', fastPaths: false as never })),
    ).toEqual(['fastPaths must be an object']);
  });
});

describe('loadZixflowOptionsFromEnv', () => {
  it('reads every documented variable', () => {
    expect(
      loadZixflowOptionsFromEnv({
        ZIXFLOW_API_KEY: KEY,
        ZIXFLOW_WORKSPACE_ID: 'ws',
        ZIXFLOW_BASE_URL: 'http://127.0.0.1:4010',
        ZIXFLOW_SENDER_ID: 'ZIXFLW',
        ZIXFLOW_ROUTE: 'otp',
        ZIXFLOW_DLT_ENTITY_ID: '1101',
        ZIXFLOW_TIMEOUT_MS: '2500',
      }),
    ).toEqual({
      apiKey: KEY,
      workspaceId: 'ws',
      baseUrl: 'http://127.0.0.1:4010',
      timeoutMs: 2500,
      defaults: { senderId: 'ZIXFLW', route: 'otp', dltEntityId: '1101' },
    });
  });

  it('names missing and malformed variables', () => {
    expect(problemsOf(() => loadZixflowOptionsFromEnv({ ZIXFLOW_TIMEOUT_MS: 'soon' }))).toEqual([
      'ZIXFLOW_API_KEY is not set',
      'ZIXFLOW_WORKSPACE_ID is not set',
      'ZIXFLOW_TIMEOUT_MS must be a whole number of milliseconds',
    ]);
  });
});

describe('loadZixflowOptionsFromEnv: DLT and recipients', () => {
  const base = { ZIXFLOW_API_KEY: KEY, ZIXFLOW_WORKSPACE_ID: 'ws' };

  it('reads DLT templates (JSON), a templates file path and the default country', () => {
    const templates = [{ key: 'otp', templateId: '1107161234567890123', body: 'OTP {#var#}' }];
    expect(
      loadZixflowOptionsFromEnv({
        ...base,
        ZIXFLOW_DLT_TEMPLATES: JSON.stringify(templates),
        ZIXFLOW_DLT_TEMPLATES_FILE: './dlt.json',
        ZIXFLOW_DEFAULT_COUNTRY: 'IN',
      }),
    ).toMatchObject({
      dlt: { templates, templatesFile: './dlt.json' },
      recipients: { defaultCountry: 'IN' },
    });
  });

  it('names a malformed ZIXFLOW_DLT_TEMPLATES', () => {
    expect(() => loadZixflowOptionsFromEnv({ ...base, ZIXFLOW_DLT_TEMPLATES: '[{' })).toThrow(
      /ZIXFLOW_DLT_TEMPLATES/,
    );
  });
});
