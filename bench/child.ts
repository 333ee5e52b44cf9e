import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BUILD_DIR, ROOT } from './build';

export interface Child<M> {
  proc: ChildProcess;
  ready: M;
  /** Resolves with the next IPC message of `type`. */
  next<T>(type: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/** Node flags for the child, or valgrind's: then the child is node under valgrind (profile-postback.ts). */
export type ForkFlags = { execArgv: string[] } | { valgrind: string[] };

/**
 * Forks a bench file, as the plain JavaScript buildForChildren() made of it (no ts-node in the child),
 * and waits for its `ready` message. `file` is relative to bench/, e.g. `servers/zixflow-stub.server.ts`.
 */
export async function forkTs<M extends { type: string }>(
  file: string,
  args: string[] = [],
  readyTimeoutMs = 30_000,
  flags: ForkFlags = { execArgv: [] },
): Promise<Child<M>> {
  const nodeFlags = ['--no-warnings', ...('execArgv' in flags ? flags.execArgv : [])];
  const proc = fork(path.join(BUILD_DIR, 'bench', file.replace(/\.ts$/, '.js')), args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...('valgrind' in flags
      ? { execPath: 'valgrind', execArgv: [...flags.valgrind, process.execPath, ...nodeFlags] }
      : { execArgv: nodeFlags }),
  });
  const next = <T>(type: string, timeoutMs = 60_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${file}: no "${type}" message within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: { type?: string }) => {
        if (message?.type === type) {
          cleanup();
          resolve(message as T);
        } else if (message?.type === 'error') {
          cleanup();
          reject(new Error(`${file}: ${(message as { message?: string }).message}`));
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`${file} exited (${code}) before "${type}"`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        proc.off('message', onMessage);
        proc.off('exit', onExit);
      };
      proc.on('message', onMessage);
      proc.on('exit', onExit);
    });
  const ready = await next<M>('ready', readyTimeoutMs);
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    // A child that exited on its own (a worker after `done`) may not have been reaped yet: nothing to tell it.
    if (proc.connected) proc.send({ type: 'stop' });
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return { proc, ready, next, stop };
}
