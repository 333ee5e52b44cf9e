import { parseSimulatorArgs, SIMULATOR_USAGE } from '../../lib/testing/simulator-args';

describe('parseSimulatorArgs', () => {
  it('uses the documented defaults', () => {
    expect(parseSimulatorArgs([])).toEqual({
      help: false,
      port: 4010,
      host: '127.0.0.1',
      apiKey: 'test-api-key',
      workspaceId: 'test-workspace',
    });
  });

  it('reads credentials from the environment, ignoring empty values', () => {
    expect(
      parseSimulatorArgs([], { ZIXFLOW_API_KEY: 'env-key', ZIXFLOW_WORKSPACE_ID: 'env-ws' }),
    ).toMatchObject({
      apiKey: 'env-key',
      workspaceId: 'env-ws',
    });
    expect(parseSimulatorArgs([], { ZIXFLOW_API_KEY: '' })).toMatchObject({ apiKey: 'test-api-key' });
  });

  it('lets flags win over the environment, in both spellings', () => {
    const parsed = parseSimulatorArgs(
      ['--port', '0', '--host=::1', '--api-key', 'flag-key', '--workspace-id=flag-ws'],
      { ZIXFLOW_API_KEY: 'env-key', ZIXFLOW_WORKSPACE_ID: 'env-ws' },
    );
    expect(parsed).toEqual({ help: false, port: 0, host: '::1', apiKey: 'flag-key', workspaceId: 'flag-ws' });
  });

  it('keeps = inside values', () => {
    expect(parseSimulatorArgs(['--api-key=a=b'])).toMatchObject({ apiKey: 'a=b' });
  });

  it.each([['--help'], ['-h'], ['--port', '1', '--help']])('recognizes help (%s)', (...argv) => {
    expect(parseSimulatorArgs(argv)).toEqual({ help: true });
  });

  it.each([
    [['--verbose'], /Unknown argument/],
    [['4010'], /Unknown argument/],
    [['--port'], /--port needs a value/],
    [['--port', '--host', 'x'], /--port needs a value/],
    [['--api-key='], /--api-key needs a value/],
    [['--port', 'abc'], /--port must be an integer/],
    [['--port', '65536'], /--port must be an integer/],
    [['--port', '-1'], /--port must be an integer/],
    [['--port', '1.5'], /--port must be an integer/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseSimulatorArgs(argv)).toThrow(message);
  });

  it('documents every flag in the usage text', () => {
    for (const flag of ['--port', '--host', '--api-key', '--workspace-id', '--help', 'ZIXFLOW_API_KEY']) {
      expect(SIMULATOR_USAGE).toContain(flag);
    }
  });
});
