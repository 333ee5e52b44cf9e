/**
 * Transpiles TypeScript files to plain CommonJS next to nothing else (TypeScript's transpileModule with
 * tsconfig.json's options), for child processes that should not carry a compiler: the bench's servers and
 * workers, and the replica apps of the multi-process tests. Type checking is `npm run typecheck`'s job.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

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
 * Writes `files` (absolute paths under `root`) as JavaScript under `outDir`, keeping their paths relative to
 * `root`, after emptying `outDir`. Returns how many.
 */
export function transpileTree(root: string, files: Iterable<string>, outDir: string): number {
  const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    sourceMap: false,
    declaration: false,
    noEmit: false,
  };
  fs.rmSync(outDir, { recursive: true, force: true });
  let count = 0;
  for (const file of files) {
    const out = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      compilerOptions,
      fileName: file,
    });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, outputText);
    count++;
  }
  return count;
}
