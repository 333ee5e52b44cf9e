import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ChildAppBuild } from '../utils/child-app-build';
import type { ReplicaConfig } from './replica-config.interface';

const ROOT = join(__dirname, '..', '..');
/** The replica app and the library as plain JavaScript, made once per Jest worker. */
const build = new ChildAppBuild('replicas');

/** Removes the JavaScript copy; call it after the replicas stopped (a later start builds it again). */
export function removeReplicaBuild(): void {
  build.remove();
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
  const child = fork(build.script('replica.app.ts'), [], {
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
