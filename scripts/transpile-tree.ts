/**
 * Transpiles TypeScript files to plain CommonJS next to nothing else, for child processes that should not carry a
 * compiler: the bench's servers and workers (TypeScript's transpileModule with tsconfig.json's options), and the
 * replica and queue-worker apps of the multi-process tests (SWC, as Jest compiles the tests). Type checking is
 * `npm run typecheck`'s job.
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformSync, type Options as SwcOptions } from '@swc/core';
import type * as TypeScript from 'typescript';

/** Every `.ts` file under `dir` but declarations and specs. */
export function* typeScriptFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* typeScriptFiles(full);
    } else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.d.ts') &&
      !entry.name.endsWith('.spec.ts')
    ) {
      yield full;
    }
  }
}

/**
 * Which compiler: `typescript` emits what tsc would (the bench measures that code); `swc` emits what the tests
 * run under Jest, in a twentieth of the CPU time (lib and a test folder: about 0.2 s instead of 5 s).
 */
export type Transpiler = 'typescript' | 'swc';

/**
 * Writes `files` (absolute paths under `root`) as JavaScript under `outDir`, keeping their paths relative to
 * `root`, after emptying `outDir`. Returns how many.
 */
export function transpileTree(
  root: string,
  files: Iterable<string>,
  outDir: string,
  transpiler: Transpiler = 'typescript',
): number {
  const transpile = transpiler === 'swc' ? swcTranspiler() : typeScriptTranspiler(root);
  fs.rmSync(outDir, { recursive: true, force: true });
  let count = 0;
  for (const file of files) {
    const out = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, transpile(fs.readFileSync(file, 'utf8'), file));
    count++;
  }
  return count;
}

type TranspileFile = (source: string, fileName: string) => string;

function typeScriptTranspiler(root: string): TranspileFile {
  // Required here, not imported: a Jest worker that only wants SWC's output then never loads the compiler.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof TypeScript;
  const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
  const compilerOptions: TypeScript.CompilerOptions = {
    ...options,
    sourceMap: false,
    declaration: false,
    noEmit: false,
  };
  return (source, fileName) => ts.transpileModule(source, { compilerOptions, fileName }).outputText;
}

/** What Jest compiles our TypeScript with: jest.config.js's options, so the children run the same code. */
function swcTranspiler(): TranspileFile {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { swcOptions } = require('../jest.config.js') as { swcOptions(syntax: 'typescript'): SwcOptions };
  const options = swcOptions('typescript');
  return (source, filename) => transformSync(source, { ...options, filename }).code;
}
