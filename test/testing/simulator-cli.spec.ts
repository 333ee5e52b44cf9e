import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SEND_SMS_PATH } from '../../lib/zixflow.constants';
import { ChildAppBuild } from '../utils/child-app-build';
import { call } from './http-client';
import { postJson, VALID_SEND } from './simulator-fixtures';

/** lib as plain JavaScript, so the CLI runs as `node dist/testing/simulator.cli.js` would, without a compiler. */
const build = new ChildAppBuild();
const SECRET = 'cli-secret-key-9f8e';

afterAll(() => build.remove());

function runCli(args: string[]) {
  const child = spawn(process.execPath, [build.libScript('testing/simulator.cli.ts'), ...args], {
    env: {
      ...process.env,
      ZIXFLOW_API_KEY: SECRET,
      ZIXFLOW_WORKSPACE_ID: 'cli-ws',
    },
    cwd: join(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // No deadline of its own: a CLI that never prints fails at the test's timeout, however busy the machine.
  const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (;;) {
      const match = pattern.exec(output);
      if (match) return match;
      if (child.exitCode !== null) throw new Error(`no ${pattern} in output:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

describe('zixflow-simulator CLI', () => {
  jest.setTimeout(30_000);

  it('prints its URL and one line per request, never the API key, and stops on SIGTERM', async () => {
    const cli = runCli(['--port', '0']);
    try {
      const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const headers = { 'x-api-key': SECRET, 'x-workspace-id': 'cli-ws' };
      expect((await postJson(`${url}${SEND_SMS_PATH}`, VALID_SEND, headers)).status).toBe(200);
      expect((await call(`${url}/nowhere`)).status).toBe(404);
      await cli.waitFor(/GET \/nowhere 404/);
      expect(cli.output()).toContain(`POST ${SEND_SMS_PATH} 200`);
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exited).toBe(0);
    expect(cli.output()).not.toContain(SECRET);
  });

  it('exits with code 2 and the usage on a bad flag', async () => {
    const cli = runCli(['--bogus']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(/Unknown argument "--bogus"[\s\S]*Usage: zixflow-simulator/);
  });
});
