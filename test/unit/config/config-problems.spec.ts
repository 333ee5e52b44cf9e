import { ZixflowConfigError } from '../../../lib/errors';
import { resolveZixflowOptions } from '../../../lib/config/resolve-zixflow-options';
import { loadZixflowOptionsFromEnv } from '../../../lib/config/load-zixflow-env';
import { thrownBy } from '../../utils/thrown-by';

const KEY = 'sk_live_SUPER_SECRET_KEY_123';

const configError = (fn: () => unknown): ZixflowConfigError => thrownBy(fn, ZixflowConfigError);

describe('a boot with several configuration problems reports every one at once', () => {
  it('from the environment: one ZixflowConfigError, each problem naming its variable', () => {
    const error = configError(() =>
      loadZixflowOptionsFromEnv({
        // ZIXFLOW_API_KEY missing
        ZIXFLOW_WORKSPACE_ID: 'ws',
        ZIXFLOW_ROUTE: 'transactionl',
        ZIXFLOW_POSTBACK_SECRET: 'short',
        ZIXFLOW_POSTBACK_URL: 'not a url',
        ZIXFLOW_BASE_URL: 'ftp://example.test',
        ZIXFLOW_DLT_ENTITY_ID: '11a',
        ZIXFLOW_TIMEOUT_MS: 'soon',
        ZIXFLOW_DLT_TEMPLATES: '[{',
      }),
    );
    expect(error.problems).toEqual([
      'ZIXFLOW_API_KEY is not set',
      'ZIXFLOW_BASE_URL: baseUrl must be an http(s) URL',
      'ZIXFLOW_ROUTE: defaults.route must be one of promotional, transactional, otp',
      'ZIXFLOW_DLT_ENTITY_ID: defaults.dltEntityId must be a digit string',
      'ZIXFLOW_POSTBACK_URL: postback.publicUrl must be an http(s) URL',
      expect.stringMatching(/^ZIXFLOW_POSTBACK_SECRET: postback\.secret must be .* at least \d+ characters$/),
      'ZIXFLOW_TIMEOUT_MS must be a whole number of milliseconds',
      expect.stringMatching(/^ZIXFLOW_DLT_TEMPLATES is not valid JSON/),
    ]);
    expect(error.message).toContain('ZIXFLOW_ROUTE');
  });

  it('from code: one ZixflowConfigError naming every option (and never a value)', () => {
    const error = configError(() =>
      resolveZixflowOptions({
        apiKey: 'sk live key',
        workspaceId: '',
        defaults: { route: 'transactionl' as never },
        postback: { secret: 'short' },
      }),
    );
    expect(error.problems).toEqual([
      'apiKey must not contain whitespace (a space or line break inside the value)',
      'workspaceId is required (a non-empty string; env ZIXFLOW_WORKSPACE_ID)',
      'defaults.route must be one of promotional, transactional, otp',
      expect.stringMatching(/^postback\.secret must be .* \(env ZIXFLOW_POSTBACK_SECRET\)$/),
    ]);
    expect(error.message).not.toContain('sk live key');
  });
});

describe('credentials are trimmed at boot', () => {
  it('drops surrounding whitespace (a secrets file read with its trailing newline), also from the secrets list', () => {
    const secret = 'postback-secret-0123456789-abcdefgh';
    const resolved = resolveZixflowOptions({
      apiKey: `${KEY}\n`,
      workspaceId: ' ws_1 ',
      postback: { secret: [`${secret}\r\n`, ` ${secret}-old`] },
    });
    expect(resolved.apiKey).toBe(KEY);
    expect(resolved.workspaceId).toBe('ws_1');
    expect(resolved.postback?.secret).toEqual([secret, `${secret}-old`]);
    expect(resolved.secrets).toEqual([KEY, 'ws_1', secret, `${secret}-old`]);
  });

  it.each([
    ['a line break', `${KEY.slice(0, 10)}\n${KEY.slice(10)}`],
    ['a space', `${KEY.slice(0, 10)} ${KEY.slice(10)}`],
    ['a tab', `${KEY.slice(0, 10)}\t${KEY.slice(10)}`],
  ])('rejects an API key with %s inside, naming the option', (_name, apiKey) => {
    expect(configError(() => resolveZixflowOptions({ apiKey, workspaceId: 'ws' })).problems).toEqual([
      'apiKey must not contain whitespace (a space or line break inside the value)',
    ]);
  });
});
