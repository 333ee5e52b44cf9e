import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { transpileTree, typeScriptFiles } from '../../scripts/transpile-tree';

const ROOT = join(__dirname, '..', '..');

/**
 * The library and one test folder as plain JavaScript, for apps the tests run in child processes (replicas,
 * queue workers, the simulator's CLI): made once per Jest worker, so a child starts in about a second instead of compiling
 * TypeScript itself. SWC compiles it, as it compiles the tests, in about 0.2 s of CPU (TypeScript's
 * transpileModule took about 5 s, and loading the compiler into the Jest worker more). Kept under node_modules, so the copies resolve the same packages and no tool sees them.
 */
export class ChildAppBuild {
  private readonly dir: string;
  private built = false;

  /** `folder`: the folder under test/ that holds the child's app; none when the child runs a file of lib. */
  constructor(private readonly folder?: string) {
    this.dir = join(ROOT, 'node_modules', '.cache', `nestjs-zixflow-${folder ?? 'lib'}-${process.pid}`);
  }

  /** The JavaScript path of `app` (a `.ts` file name in the folder), building the copy first if needed. */
  script(app: string): string {
    if (this.folder === undefined) throw new Error('ChildAppBuild: no test folder; use libScript()');
    return this.javaScript(join('test', this.folder, app));
  }

  /** The JavaScript path of `file` (a `.ts` path under lib/), building the copy first if needed. */
  libScript(file: string): string {
    return this.javaScript(join('lib', file));
  }

  private javaScript(file: string): string {
    if (!this.built) {
      const folders = this.folder === undefined ? [] : [join(ROOT, 'test', this.folder)];
      transpileTree(
        ROOT,
        [join(ROOT, 'lib'), ...folders].flatMap((folder) => [...typeScriptFiles(folder)]),
        this.dir,
        'swc',
      );
      this.built = true;
    }
    return join(this.dir, file.replace(/\.ts$/, '.js'));
  }

  /**
   * Removes the copy; call it once the children are gone (a later start builds it again). An 'exit' listener
   * cannot: Jest gives a test file its own `process` object, which never emits 'exit'.
   */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.built = false;
  }
}
