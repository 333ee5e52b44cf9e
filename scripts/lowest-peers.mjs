#!/usr/bin/env node
/**
 * `npm run test:peers`: runs the e2e suites against the LOWEST version of every peer range in package.json.
 *
 * The main test run uses the newest peers only, so a range like `^11.0.0 || ^12.0.0` is a claim until something
 * runs on 11.0.0. This script:
 *   1. computes the lowest version of each `peerDependencies` range (no registry look-up: the ranges are carets);
 *      the Nest packages that are not peers but must match core (platform-express, platform-fastify, testing) are
 *      pinned to the lowest @nestjs/core, so the whole Nest line is installed together;
 *   2. copies the repository's current working files (tracked and untracked, not ignored ones) into
 *      `.tmp/lowest-peers/`, with those exact versions in devDependencies and the repository's lockfile as the
 *      seed (without the pinned packages' own entries, which npm resolves afresh), so every other package keeps
 *      its locked version;
 *   3. installs, checks that each peer resolved to exactly that version and exists once in the tree;
 *   4. runs the test suites there (e2e over Express and Fastify, unit, the Redis store suites against the lowest
 *      ioredis, which need a Redis at REDIS_URL as in .ci/run, and the README snippets check, which compiles the
 *      published typings against the old peers' own).
 * Optional peers (@nestjs/config, @nestjs/event-emitter, @nestjs/terminus, ioredis, bullmq, @nestjs/bullmq) are installed
 * at their lowest version too; the queue suites (test/queue) run against the lowest bullmq and @nestjs/bullmq (11.0.5,
 * the first whose peers admit bullmq 6) with the lowest ioredis and Nest.
 *
 * The install is reused while the generated package.json and the seed lockfile are unchanged (CI always starts
 * from a fresh clone, so it always installs). `--print` only prints the matrix. Other arguments are Jest test path
 * patterns, to run only those suites (e.g. `npm run test:peers -- test/health`); CI runs them all.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRATCH = join(ROOT, '.tmp', 'lowest-peers');
const STAMP = join(SCRATCH, 'node_modules', '.lowest-peers-stamp');

/** Nest packages released in lock-step with @nestjs/core that the tests use without them being peers. */
const NEST_CORE_LINE = ['@nestjs/platform-express', '@nestjs/platform-fastify', '@nestjs/testing'];
/**
 * Releases of the Nest line that cannot be installed with the matching core: @nestjs/platform-fastify 11.0.0 and
 * 11.0.1 declare peers `@nestjs/common@^10.0.0` (11.0.2 was never published), so 11.0.3 is the first that pairs.
 */
const FIRST_PAIRING = { '@nestjs/platform-fastify': { '11.0.0': '11.0.3', '11.0.1': '11.0.3' } };

/**
 * Every suite runs (unit tests hold our fast paths to axios' and class-validator's own behaviour, which is where an
 * older peer would differ), the README snippets check included (it compiles the published typings against the old
 * peers' own), except the load and memory runs, which measure our code rather than the peers, and the packaging
 * test, which packs and installs the tarball (slow; `npm run test:heavy` runs it). This list replaces jest.config's
 * own ignore list (its heavy suites) on purpose.
 */
const IGNORED = ['/node_modules/', '/test/packaging/', 'reliability-soak', 'bulk-memory'];

/** Lowest version a range admits. Only `^x.y.z` alternatives joined by `||` are accepted: anything else fails. */
export function lowestOf(range) {
  const candidates = range.split('||').map((part) => {
    const match = /^\s*\^(\d+)\.(\d+)\.(\d+)\s*$/.exec(part);
    if (!match) throw new Error(`unsupported peer range "${range}": use ^x.y.z alternatives joined by ||`);
    return match.slice(1, 4).map(Number);
  });
  candidates.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  return candidates[0].join('.');
}

/** Exact versions for every peer and the rest of the Nest line. */
export function lowestMatrix(pkg) {
  const matrix = {};
  for (const [name, range] of Object.entries(pkg.peerDependencies)) matrix[name] = lowestOf(range);
  for (const name of NEST_CORE_LINE) {
    const core = matrix['@nestjs/core'];
    if (pkg.devDependencies[name]) matrix[name] = FIRST_PAIRING[name]?.[core] ?? core;
  }
  return matrix;
}

function run(cmd, args, cwd) {
  process.stdout.write(`$ ${cmd} ${args.join(' ')}\n`);
  const result = spawnSync(cmd, args, {
    cwd,
    stdio: 'inherit',
    env: {
      ...process.env,
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
    },
  });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${result.status ?? result.signal})`);
  }
}

/** Replaces the scratch copy's files (node_modules kept) with the repository's current working files. */
function copyWorkingTree() {
  mkdirSync(SCRATCH, { recursive: true });
  for (const entry of readdirSync(SCRATCH)) {
    if (entry !== 'node_modules') rmSync(join(SCRATCH, entry), { recursive: true, force: true });
  }
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && existsSync(join(ROOT, file)));
  for (const file of files) {
    mkdirSync(dirname(join(SCRATCH, file)), { recursive: true });
    cpSync(join(ROOT, file), join(SCRATCH, file));
  }
  return files.length;
}

/** Every directory in the installed tree that holds `name` (hoisted or nested). */
function installedCopies(name, dir = join(SCRATCH, 'node_modules'), found = []) {
  if (existsSync(join(dir, name, 'package.json'))) found.push(join(dir, name));
  for (const entry of existsSync(dir) ? readdirSync(dir) : []) {
    const scoped = entry.startsWith('@')
      ? readdirSync(join(dir, entry)).map((e) => `${entry}/${e}`)
      : [entry];
    for (const child of scoped) {
      const nested = join(dir, child, 'node_modules');
      if (existsSync(nested)) installedCopies(name, nested, found);
    }
  }
  return found;
}

/**
 * The repository's lockfile without the entries of the pinned packages (wherever they sit in the tree): npm
 * resolves those afresh at their pinned version. Kept, a newer locked copy could stall npm's peer resolution:
 * @nestjs/bullmq 12.0.0 in the seed made it fail with an ERESOLVE on unrelated peers (@nestjs/axios).
 */
function seedLock(matrix) {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const pinned = Object.keys(matrix);
  for (const path of Object.keys(lock.packages)) {
    if (pinned.some((name) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))) {
      delete lock.packages[path];
    }
  }
  return lock;
}

function main() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const matrix = lowestMatrix(pkg);
  process.stdout.write('Lowest peers:\n');
  for (const [name, version] of Object.entries(matrix))
    process.stdout.write(`  ${name.padEnd(26)} ${version}\n`);
  if (process.argv.includes('--print')) return;

  const started = Date.now();
  const copied = copyWorkingTree();
  process.stdout.write(`Copied ${copied} files to ${SCRATCH}\n`);

  const scratchPkg = { ...pkg, devDependencies: { ...pkg.devDependencies, ...matrix } };
  writeFileSync(join(SCRATCH, 'package.json'), `${JSON.stringify(scratchPkg, null, 2)}\n`);
  writeFileSync(join(SCRATCH, 'package-lock.json'), `${JSON.stringify(seedLock(matrix), null, 2)}\n`);
  const stamp = createHash('sha256')
    .update(JSON.stringify(scratchPkg))
    .update(readFileSync(join(ROOT, 'package-lock.json')))
    .digest('hex');
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp) {
    process.stdout.write('Install unchanged since the last run: reusing .tmp/lowest-peers/node_modules\n');
  } else {
    rmSync(join(SCRATCH, 'node_modules'), { recursive: true, force: true });
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], SCRATCH);
    writeFileSync(STAMP, stamp);
  }

  for (const [name, version] of Object.entries(matrix)) {
    const copies = installedCopies(name);
    const versions = copies.map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version);
    if (copies.length !== 1 || versions[0] !== version) {
      throw new Error(`${name}: expected exactly one copy at ${version}, found ${JSON.stringify(versions)}`);
    }
  }
  process.stdout.write('Every peer resolved to its lowest version, once.\n');

  const patterns = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  run(
    process.execPath,
    [
      'node_modules/jest/bin/jest.js',
      '--ci',
      '--maxWorkers=2',
      '--testPathIgnorePatterns',
      ...IGNORED,
      ...(patterns.length > 0 ? ['--testPathPatterns', ...patterns] : []),
    ],
    SCRATCH,
  );
  process.stdout.write(`Lowest peers: passed in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`Lowest peers: ${error.message}\n`);
    process.exit(1);
  }
}
