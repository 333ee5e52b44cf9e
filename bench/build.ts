/**
 * Transpiles lib/ and bench/ to node_modules/.cache/nestjs-zixflow-bench (scripts/transpile-tree.ts) so child
 * processes run plain JavaScript: under ts-node a process carries the compiler (~170 MB of RSS), which
 * would swamp the bulk case's peak-RSS figure and slow every child's start.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transpileTree, typeScriptFiles } from '../scripts/transpile-tree';

/** The repository root, from bench/ or from the transpiled copy under node_modules/.cache. */
function findRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'lib', 'index.ts')) && fs.existsSync(path.join(dir, 'package.json')))
      return dir;
  }
  throw new Error('bench: repository root not found');
}

export const ROOT = findRoot();
/** Under node_modules so the copies resolve the same packages and no linter or git sees them. */
export const BUILD_DIR = path.join(ROOT, 'node_modules', '.cache', 'nestjs-zixflow-bench');

/** Transpiles every file again (a second or two); returns how many. */
export function buildForChildren(): number {
  // The documented postback body is the tests' fixture, so the bench measures the very body the tests check.
  const sharedFixtures = [path.join(ROOT, 'test', 'postback', 'postback-body.fixture.ts')];
  return transpileTree(
    ROOT,
    [
      ...typeScriptFiles(path.join(ROOT, 'lib')),
      ...typeScriptFiles(path.join(ROOT, 'bench')),
      path.join(ROOT, 'scripts', 'transpile-tree.ts'),
      ...sharedFixtures,
    ],
    BUILD_DIR,
  );
}

/**
 * For bench/profile-queue.ts' `zixflow-base` mode (QUEUE_BASE_BUILD=<name>): a copy of this build under
 * node_modules/.cache/<name> whose lib/ is transpiled from `commit` instead of the working tree, so one run compares
 * two versions of the library behind the same bench code. Run buildForChildren() first. Returns the directory.
 */
export function buildBaseForChildren(commit: string, name = 'zixflow-base'): string {
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'zixflow-base-'));
  try {
    execSync(`git archive ${JSON.stringify(commit)} lib tsconfig.json | tar -x -C ${JSON.stringify(src)}`, {
      cwd: ROOT,
    });
    const transpiled = path.join(src, 'out');
    transpileTree(src, typeScriptFiles(path.join(src, 'lib')), transpiled);
    const out = path.join(path.dirname(BUILD_DIR), name);
    fs.rmSync(out, { recursive: true, force: true });
    fs.cpSync(BUILD_DIR, out, { recursive: true });
    fs.rmSync(path.join(out, 'lib'), { recursive: true, force: true });
    fs.cpSync(path.join(transpiled, 'lib'), path.join(out, 'lib'), { recursive: true });
    return out;
  } finally {
    fs.rmSync(src, { recursive: true, force: true });
  }
}
