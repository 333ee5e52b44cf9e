import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root: where `npm pack` runs and the dev dependencies' versions are read. */
export const ROOT = resolve(__dirname, '../..');

/**
 * A command that has not ended after this long is killed, so a scratch app's Jest that never exits (an open
 * handle) fails the suite instead of hanging CI. Far above any normal run (installs take a minute or two).
 */
const COMMAND_KILL_AFTER_MS = 5 * 60 * 1000;

/** Runs a command quietly (no npm fund/audit/update chatter) and returns its stdout; throws on a non-zero exit. */
export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: COMMAND_KILL_AFTER_MS,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
      ...env,
    },
  });
}

/** The version of `name` installed in the repository (the versions its own tests run on). */
export function installedVersion(name: string): string {
  return (
    JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }
  ).version;
}

/** What `npm pack --json` reports of the tarball. */
export interface PackedLibrary {
  filename: string;
  files: Array<{ path: string }>;
}

/** Packs the library into `destination` as npm would publish it (`prepack` builds dist/ from the sources). */
export function packLibrary(destination: string): PackedLibrary {
  return (
    JSON.parse(run('npm', ['pack', '--json', '--pack-destination', destination], ROOT)) as PackedLibrary[]
  )[0];
}

/** `npm install` in a scratch app, from its package.json. */
export function npmInstall(cwd: string): void {
  run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
    cwd,
  );
}
