import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { transpileTree, typeScriptFiles } from '../../scripts/transpile-tree';
import type { ReplicaConfig } from './replica-config.interface';

const ROOT = join(__dirname, '..', '..');
/** Per Jest worker process; under node_modules so the copies resolve the same packages and no tool sees them. */
const BUILD_DIR = join(ROOT, 'node_modules', '.cache', `nestjs-zixflow-replicas-${process.pid}`);
let built = false;

/**
 * The replica app and the library as plain JavaScript, made once per worker: a replica then starts in about
 * a second instead of compiling TypeScript in every process.
 */
function replicaScript(): string {
  if (!built) {
    transpileTree(
      ROOT,
      [...typeScriptFiles(join(ROOT, 'lib')), ...typeScriptFiles(join(ROOT, 'test', 'replicas'))],
      BUILD_DIR,
    );
    built = true;
  }
  return join(BUILD_DIR, 'test', 'replicas', 'replica.app.js');
}

/**
 * Removes the JavaScript copy; call it after the replicas stopped. (An 'exit' listener cannot do it: Jest gives
 * a test file its own `process` object, which never emits 'exit', so every run left a copy behind.)
 */
export function removeReplicaBuild(): void {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  built = false;
}

/** A replica app running in its own process (replica.app.ts), and how the test talks to it. */
export interface ReplicaProcess {
  readonly url: string;
  /** The postback endpoint of this replica. */
  readonly postbackEndpoint: string;
  /** Calls a control route; resolves with its JSON answer. */
  call<T = unknown>(method: 'GET' | 'POST', path: string, body?: object): Promise<T>;
  /** SIGTERM (the app closes gracefully), then waits for the process to exit. */
  stop(): Promise<void>;
}

/** Starts `config` as a replica process and resolves once it listens. Rejects if it exits first. */
export async function startReplica(config: ReplicaConfig): Promise<ReplicaProcess> {
  const child = fork(replicaScript(), [], {
    cwd: ROOT,
    execArgv: [],
    env: { ...process.env, REPLICA_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) =>
      reject(new Error(`replica on port ${config.port} exited with ${code} before listening`)),
    );
    child.once('error', reject);
  });
  const url = `http://127.0.0.1:${config.port}`;
  return {
    url,
    postbackEndpoint: `${url}/webhooks/zixflow`,
    async call<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
      const response = await fetch(`${url}/control/${path}`, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
