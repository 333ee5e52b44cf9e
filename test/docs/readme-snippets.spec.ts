import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '../..');

/** One ```ts block of a markdown file: its code and the line its first code line is on. */
interface Snippet {
  source: string;
  line: number;
  code: string;
}

/** Every ```ts (or ```typescript) fenced block, in order. */
function extractSnippets(source: string, markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    snippets.push({ source, line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return snippets;
}

/**
 * The package as a user installs it: `node_modules/nestjs-zixflow` with the real package.json (exports map and
 * typesVersions) and the declarations built from lib/. Declarations only and unchecked: lib/ itself is
 * type-checked by the build and by `npm run typecheck`; here only what a user sees matters.
 */
function installBuiltPackage(dir: string): void {
  const pkgDir = join(dir, 'node_modules', 'nestjs-zixflow');
  mkdirSync(pkgDir, { recursive: true });
  writeFileSync(join(pkgDir, 'package.json'), readFileSync(join(ROOT, 'package.json')));
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.build.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.build.json could not be read');
  const program = ts.createProgram(config.fileNames, {
    ...config.options,
    outDir: join(pkgDir, 'dist'),
    declaration: true,
    emitDeclarationOnly: true,
    noCheck: true,
    sourceMap: false,
    declarationMap: false,
    incremental: false,
  });
  const emitted = program.emit();
  if (emitted.emitSkipped) throw new Error('declarations of lib/ were not emitted');
}

/**
 * Type-checks each snippet as its own module, the way a Nest app is compiled (strict, decorators with metadata,
 * CommonJS with Node's resolution of the package's `exports`), and returns the errors as `source:line:column`.
 * Library checking is on, so our declarations are checked too against the installed peers' typings (an app that
 * does not skip it would see those errors); other packages' declarations are theirs, so only errors in ours and
 * in the snippets count. The one thing a snippet may use without declaring it is the reader's own root module:
 * `./app.module` exports an empty `AppModule`, as in every Nest app.
 */
function typeCheck(dir: string, snippets: Snippet[]): string[] {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'app.module.ts'),
    "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
  );
  const files = new Map<string, Snippet>();
  for (const snippet of snippets) {
    const file = join(dir, `${snippet.source.replace(/\W/g, '-')}-line-${snippet.line}.ts`);
    writeFileSync(file, snippet.code);
    files.set(file, snippet);
  }
  const program = ts.createProgram([...files.keys()], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.Node20,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    moduleDetection: ts.ModuleDetectionKind.Force,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    skipLibCheck: false,
    noEmit: true,
    types: ['node', 'jest'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
  });
  const ours = (fileName: string): boolean =>
    files.has(resolve(fileName)) || resolve(fileName).includes(`${join('node_modules', 'nestjs-zixflow')}/`);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => !diagnostic.file || ours(diagnostic.file.fileName))
    .map((diagnostic) => {
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      const snippet = diagnostic.file && files.get(resolve(diagnostic.file.fileName));
      if (!snippet || diagnostic.start === undefined) {
        const where = diagnostic.file ? relative(dir, diagnostic.file.fileName) : 'options';
        return `${where}: TS${diagnostic.code} ${text}`;
      }
      const { line, character } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
      return `${snippet.source}:${snippet.line + line}:${character + 1}: TS${diagnostic.code} ${text}`;
    });
}

/**
 * Every TypeScript snippet of the README compiles against the package as published, so a rename in lib/ that
 * the README did not follow fails here. Each snippet is a complete module: its imports and the declarations a
 * reader needs are part of it.
 */
/** A snippet as the Quick start once was: the test must report it, at its line. */
const BROKEN_FIXTURE = [
  '# A broken snippet',
  '```ts',
  "import { Injectable, Module } from '@nestjs/common';",
  "import { SmsService } from 'nestjs-zixflow';",
  '@Module({ providers: [Notifier] })',
  'export class AppModule {}',
  '@Injectable()',
  'export class Notifier {',
  '  constructor(readonly sms: SmsService) {}',
  '}',
  '```',
].join('\n');

describe('README TypeScript snippets', () => {
  let dir: string;
  let snippets: Snippet[];
  let errors: string[];

  beforeAll(() => {
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    // Under the repository, so the peers (@nestjs/*, axios, ...) resolve from its node_modules.
    dir = mkdtempSync(join(ROOT, '.tmp', 'readme-snippets-'));
    installBuiltPackage(dir);
    snippets = extractSnippets('README.md', readFileSync(join(ROOT, 'README.md'), 'utf8'));
    // One program for both: loading the typings is most of the cost.
    errors = typeCheck(join(dir, 'snippets'), [
      ...snippets,
      ...extractSnippets('fixture.md', BROKEN_FIXTURE),
    ]);
  }, 180_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('all compile against the built package', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(10);
    expect(errors.filter((error) => !error.startsWith('fixture.md:'))).toEqual([]);
  });

  it('reports an error at its line (a class used before its declaration)', () => {
    expect(errors.filter((error) => error.startsWith('fixture.md:'))).toEqual([
      expect.stringMatching(/^fixture\.md:5:\d+: TS2449 Class 'Notifier' used before its declaration/),
    ]);
  });
});
