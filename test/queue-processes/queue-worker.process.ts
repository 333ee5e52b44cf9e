import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { ChildAppBuild } from '../utils/child-app-build';
import type { QueueWorkerConfig, QueueWorkerMessage } from './queue-worker-config.interface';

const ROOT = join(__dirname, '..', '..');
/** The worker app and the library as plain JavaScript, made once per test file. */
const build = new ChildAppBuild('queue-processes');

/** Removes the JavaScript copy; call it once the workers are gone (a later start builds it again). */
export function removeWorkerBuild(): void {
  build.remove();
}

/** A queue event a worker process published, as relayed to the test. */
export interface RelayedEvent {
  worker: string;
  name: string;
  payload: Record<string, unknown>;
  at: number;
}

/** How a worker process ended: its exit code or the signal that ended it. */
export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A worker app running in its own process (queue-worker.app.ts). */
export interface QueueWorkerProcess {
  readonly label: string;
  readonly pid: number;
  /** Resolves when the process has exited, however. */
  readonly exited: Promise<WorkerExit>;
  /**
   * Asks the app to close (app.close() in the child) and resolves with when close was called and resolved
   * (the child's Date.now()), without waiting for the process to exit (see `exited`). Rejects if the process
   * exits before close resolved.
   */
  close(): Promise<{ closingAt: number; closedAt: number }>;
  /** SIGKILL, as a crash or an OOM kill would: nothing of the app runs. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** For afterAll: SIGKILL when still running, and wait for it to be gone. */
  stop(): Promise<void>;
}

/**
 * Starts a worker process with `config` and resolves once its app is initialized; every queue event it
 * publishes is pushed to `events`. Rejects if it exits first.
 */
export async function startQueueWorker(
  config: QueueWorkerConfig,
  events: RelayedEvent[] = [],
): Promise<QueueWorkerProcess> {
  const child = fork(build.script('queue-worker.app.ts'), [], {
    cwd: ROOT,
    execArgv: [],
    env: { ...process.env, QUEUE_WORKER_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const messages: QueueWorkerMessage[] = [];
  const waiters: Array<() => void> = [];
  child.on('message', (message: QueueWorkerMessage) => {
    if (message.type === 'event') {
      events.push({ worker: config.label, name: message.name, payload: message.payload, at: message.at });
    } else {
      messages.push(message);
      waiters.splice(0).forEach((wake) => wake());
    }
  });
  const next = async <T extends QueueWorkerMessage['type']>(
    type: T,
  ): Promise<Extract<QueueWorkerMessage, { type: T }>> => {
    for (;;) {
      const found = messages.find((m) => m.type === type);
      if (found) return found as Extract<QueueWorkerMessage, { type: T }>;
      const exit = await Promise.race([
        exited,
        new Promise<undefined>((resolve) => waiters.push(() => resolve(undefined))),
      ]);
      if (exit !== undefined && !messages.some((m) => m.type === type)) {
        throw new Error(`${config.label} exited (${exit.code ?? exit.signal}) before "${type}"`);
      }
    }
  };
  await next('ready');
  const pid = child.pid as number;
  return {
    label: config.label,
    pid,
    exited,
    async close() {
      child.send({ type: 'close' });
      const [closing, closed] = await Promise.all([next('closing'), next('closed')]);
      return { closingAt: closing.at, closedAt: closed.at };
    },
    kill: () => killChild(child, exited),
    stop: () => killChild(child, exited),
  };
}

async function killChild(child: ChildProcess, exited: Promise<WorkerExit>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited;
}
