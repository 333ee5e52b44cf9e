/**
 * Transpiles lib/ and bench/ to node_modules/.cache/nestjs-zixflow-bench (TypeScript transpileModule, tsconfig's options) so child
 * processes run plain JavaScript: under ts-node a process carries the compiler (~170 MB of RSS), which
 * would swamp the bulk case's peak-RSS figure and slow every child's start.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

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

function* tsFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* tsFiles(full);
    } else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.d.ts') &&
      !entry.name.endsWith('.spec.ts')
    ) {
      yield full;
    }
  }
}

/** Transpiles every file again (a second or two); returns how many. */
export function buildForChildren(): number {
  const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    sourceMap: false,
    declaration: false,
    noEmit: false,
  };
  fs.rmSync(BUILD_DIR, { recursive: true, force: true });
  let count = 0;
  // The documented postback body is the tests' fixture, so the bench measures the very body the tests check.
  const sharedFixtures = [path.join(ROOT, 'test', 'postback', 'postback-body.fixture.ts')];
  for (const files of [tsFiles(path.join(ROOT, 'lib')), tsFiles(path.join(ROOT, 'bench')), sharedFixtures]) {
    for (const file of files) {
      const out = path.join(BUILD_DIR, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
      const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
        compilerOptions,
        fileName: file,
      });
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, outputText);
      count++;
    }
  }
  return count;
}
