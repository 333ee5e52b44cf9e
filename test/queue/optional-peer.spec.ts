import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

type Loaded = { bullmqFiles: number } | { error: string };

/**
 * Requires each of `entries` in turn (compiled by ts-node) in one fresh Node process, and answers, after each,
 * how many bullmq files are loaded so far, or the error it threw. With `hideBullmq`, as if bullmq were not
 * installed: resolving it fails the way Node's does.
 */
function load(entries: string[], hideBullmq: boolean): Loaded[] {
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
const results = [];
for (const entry of ${JSON.stringify(entries)}) {
  try {
    require(entry);
    results.push({ bullmqFiles: Object.keys(require.cache).filter((file) => file.includes('/node_modules/bullmq/')).length });
  } catch (error) {
    results.push({ error: error.name + ': ' + error.message });
  }
}
process.stdout.write(JSON.stringify(results));
`;
  const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: resolve(ROOT, 'tsconfig.json') },
  });
  return JSON.parse(output) as Loaded[];
}

/** bullmq is an optional peer: only nestjs-zixflow/queue loads it. */
describe('bullmq, an optional peer', () => {
  it('is not loaded by the root entry, and is by nestjs-zixflow/queue (so the check can fail)', () => {
    const [root, queue] = load(['./lib/index.ts', './lib/queue/index.ts'], false) as {
      bullmqFiles: number;
    }[];
    expect(root).toEqual({ bullmqFiles: 0 });
    expect(queue!.bullmqFiles).toBeGreaterThan(0);
  });

  it('missing: the root entry loads; nestjs-zixflow/queue fails with a message that says what to install', () => {
    expect(load(['./lib/index.ts', './lib/queue/index.ts'], true)).toEqual([
      { bullmqFiles: 0 },
      {
        error: expect.stringMatching(
          /^ZixflowConfigError: .*nestjs-zixflow\/queue needs .*bullmq.*npm install bullmq ioredis/,
        ),
      },
    ]);
  });
});
