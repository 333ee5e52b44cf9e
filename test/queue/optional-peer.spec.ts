import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/**
 * Requires `entry` (compiled by ts-node) in a fresh Node process; with `hideBullmq`, as if bullmq were not
 * installed (its resolution fails the way Node's does). Answers how many bullmq files got loaded, or the error.
 */
function load(entry: string, hideBullmq: boolean): { bullmqFiles: number } | { error: string } {
  const script = `
const Module = require('node:module');
if (${hideBullmq}) {
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    if (request === 'bullmq' || request.startsWith('bullmq/')) {
      const error = new Error("Cannot find module '" + request + "'");
      error.code = 'MODULE_NOT_FOUND';
      throw error;
    }
    return resolveFilename.call(this, request, ...rest);
  };
}
let result;
try {
  require(${JSON.stringify(entry)});
  result = { bullmqFiles: Object.keys(require.cache).filter((file) => file.includes('/node_modules/bullmq/')).length };
} catch (error) {
  result = { error: error.name + ': ' + error.message };
}
process.stdout.write(JSON.stringify(result));
`;
  const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: resolve(ROOT, 'tsconfig.json') },
  });
  return JSON.parse(output) as { bullmqFiles: number } | { error: string };
}

/** bullmq is an optional peer: only nestjs-zixflow/queue loads it. */
describe('bullmq, an optional peer', () => {
  it('is not loaded by the root entry', () => {
    expect(load('./lib/index.ts', false)).toEqual({ bullmqFiles: 0 });
  });

  it('is loaded by nestjs-zixflow/queue (so the check above can fail)', () => {
    const loaded = load('./lib/queue/index.ts', false) as { bullmqFiles: number };
    expect(loaded.bullmqFiles).toBeGreaterThan(0);
  });

  it('missing, makes nestjs-zixflow/queue fail with a message that says what to install', () => {
    expect(load('./lib/queue/index.ts', true)).toEqual({
      error: expect.stringMatching(
        /^ZixflowConfigError: .*nestjs-zixflow\/queue needs .*bullmq.*npm install bullmq ioredis/,
      ),
    });
  });
});
