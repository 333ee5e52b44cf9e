import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { transpileTree, typeScriptFiles } from '../../scripts/transpile-tree';

const ROOT = join(__dirname, '..', '..');

/**
 * The library and one test folder as plain JavaScript, for apps the tests run in child processes (replicas,
 * queue workers): made once per Jest worker, so a child starts in about a second instead of compiling
 * TypeScript itself. SWC compiles it, as it compiles the tests, in about 0.2 s of CPU (TypeScript's
 * transpileModule took about 5 s, and loading the compiler into the Jest worker more). Kept under node_modules, so the copies resolve the same packages and no tool sees them.
 */
export class ChildAppBuild {
  private readonly dir: string;
  private built = false;

  /** `folder`: the folder under test/ that holds the child's app. */
  constructor(private readonly folder: string) {
    this.dir = join(ROOT, 'node_modules', '.cache', `nestjs-zixflow-${folder}-${process.pid}`);
  }

  /** The JavaScript path of `app` (a `.ts` file name in the folder), building the copy first if needed. */
  script(app: string): string {
    if (!this.built) {
      transpileTree(
        ROOT,
        [...typeScriptFiles(join(ROOT, 'lib')), ...typeScriptFiles(join(ROOT, 'test', this.folder))],
        this.dir,
        'swc',
      );
      this.built = true;
    }
    return join(this.dir, 'test', this.folder, app.replace(/\.ts$/, '.js'));
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
