import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** The ioredis files `entry` loads, required (compiled by ts-node) in a fresh Node process. */
function ioredisFilesLoadedBy(entry: string): number {
  const script = `
require(${JSON.stringify(entry)});
const loaded = Object.keys(require.cache).filter((file) => file.includes('/node_modules/ioredis/'));
process.stdout.write(String(loaded.length));
`;
  const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: resolve(ROOT, 'tsconfig.json') },
  });
  return Number(output);
}

/** ioredis is an optional peer: an app without it must be able to load the root entry. */
describe('ioredis, an optional peer', () => {
  it('is not loaded by the root entry', () => {
    expect(ioredisFilesLoadedBy('./lib/index.ts')).toBe(0);
  });

  it('is loaded by nestjs-zixflow/redis (so the check above can fail)', () => {
    expect(ioredisFilesLoadedBy('./lib/redis/index.ts')).toBeGreaterThan(0);
  });
});
