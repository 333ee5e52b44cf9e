import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

type Loaded = { bullmqFiles: number; nestBullmqFiles: number } | { error: string };

/**
 * Requires each of `entries` in turn (compiled by ts-node) in one fresh Node process, and answers, after each,
 * how many bullmq and @nestjs/bullmq files are loaded so far, or the error it threw. With `hidden`, as if those
 * packages were not installed: resolving them fails the way Node's does.
 */
function load(entries: string[], hidden: string[] = []): Loaded[] {
  const script = `
const Module = require('node:module');
const hidden = ${JSON.stringify(hidden)};
if (hidden.length > 0) {
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    if (hidden.some((name) => request === name || request.startsWith(name + '/'))) {
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
    const loaded = (dir) => Object.keys(require.cache).filter((file) => file.includes(dir)).length;
    results.push({ bullmqFiles: loaded('/node_modules/bullmq/'), nestBullmqFiles: loaded('/node_modules/@nestjs/bullmq/') });
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

/** bullmq and @nestjs/bullmq are optional peers: only nestjs-zixflow/queue loads them. */
describe('bullmq and @nestjs/bullmq, optional peers', () => {
  it('are not loaded by the root entry, and are by nestjs-zixflow/queue (so the check can fail)', () => {
    const [root, queue] = load(['./lib/index.ts', './lib/queue/index.ts']) as {
      bullmqFiles: number;
      nestBullmqFiles: number;
    }[];
    expect(root).toEqual({ bullmqFiles: 0, nestBullmqFiles: 0 });
    expect(queue!.bullmqFiles).toBeGreaterThan(0);
    expect(queue!.nestBullmqFiles).toBeGreaterThan(0);
  });

  it.each([[['bullmq']], [['@nestjs/bullmq']], [['bullmq', '@nestjs/bullmq']]])(
    'missing %j: the root entry loads; nestjs-zixflow/queue fails with a message that says what to install',
    (hidden) => {
      expect(load(['./lib/index.ts', './lib/queue/index.ts'], hidden)).toEqual([
        { bullmqFiles: 0, nestBullmqFiles: 0 },
        {
          error: expect.stringMatching(
            new RegExp(
              `^ZixflowConfigError: .*nestjs-zixflow/queue needs .*missing: ${hidden.join(', ')}\\. ` +
                'npm install bullmq @nestjs/bullmq ioredis',
            ),
          ),
        },
      ]);
    },
  );
});
