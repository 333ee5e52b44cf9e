import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { installedVersion, npmInstall, packLibrary, type PackedLibrary } from './scratch-app';
import { USER_DEV_DEPENDENCIES, USER_JEST_CONFIG, USER_SPECS, USER_TEST_COUNT } from './user-app.fixture';

/** Nest 12 at the versions this repository tests with; Nest 11 at its latest 11.x (and the matching peers). */
const NEST_VERSIONS: Array<[string, () => Record<string, string>]> = [
  [
    'Nest 12',
    () => ({
      '@nestjs/common': installedVersion('@nestjs/common'),
      '@nestjs/core': installedVersion('@nestjs/core'),
      '@nestjs/platform-express': installedVersion('@nestjs/platform-express'),
      '@nestjs/testing': installedVersion('@nestjs/testing'),
      '@nestjs/axios': installedVersion('@nestjs/axios'),
      '@nestjs/config': installedVersion('@nestjs/config'),
    }),
  ],
  [
    'Nest 11',
    () => ({
      '@nestjs/common': '^11.0.0',
      '@nestjs/core': '^11.0.0',
      '@nestjs/platform-express': '^11.0.0',
      '@nestjs/testing': '^11.0.0',
      '@nestjs/axios': '^4.0.0',
      '@nestjs/config': '^4.0.0',
    }),
  ],
];

/**
 * The README's Jest setup, tried as a user would: a scratch app installs the packed library, its peers and the
 * documented dev dependencies, gets the documented jest.config.js and a spec using ZixflowTestingModule, and
 * `npx jest` must pass, on Nest 12 (ES modules only) and on Nest 11.
 */
describe('a user app runs its Jest suite with the documented setup', () => {
  let packDir: string;
  let packed: PackedLibrary;
  const scratches: string[] = [];

  beforeAll(() => {
    packDir = mkdtempSync(join(tmpdir(), 'zixflow-user-jest-pack-'));
    packed = packLibrary(packDir);
  }, 240_000);
  afterAll(() => {
    for (const dir of [packDir, ...scratches]) rmSync(dir, { recursive: true, force: true });
  });

  it.each(NEST_VERSIONS)(
    '%s',
    (_name, nest) => {
      const scratch = mkdtempSync(join(tmpdir(), 'zixflow-user-jest-'));
      scratches.push(scratch);
      const dependencies: Record<string, string> = {
        'nestjs-zixflow': `file:${join(packDir, packed.filename)}`,
        ...nest(),
      };
      for (const peer of ['axios', 'class-validator', 'class-transformer', 'rxjs', 'reflect-metadata']) {
        dependencies[peer] = installedVersion(peer);
      }
      writeFileSync(
        join(scratch, 'package.json'),
        JSON.stringify({
          name: 'user-app',
          private: true,
          dependencies,
          devDependencies: USER_DEV_DEPENDENCIES,
        }),
      );
      writeFileSync(join(scratch, 'jest.config.js'), USER_JEST_CONFIG);
      for (const [path, text] of Object.entries(USER_SPECS)) {
        mkdirSync(dirname(join(scratch, path)), { recursive: true });
        writeFileSync(join(scratch, path), text);
      }
      npmInstall(scratch);

      // Jest reports on stderr; --ci: no snapshot writes, as in a pipeline.
      const jest = spawnSync('npx', ['jest', '--ci'], {
        cwd: scratch,
        encoding: 'utf8',
        env: { ...process.env, CI: '1' },
      });
      const report = `${jest.stdout}\n${jest.stderr}`;
      if (jest.status !== 0)
        throw new Error(`npx jest failed in the scratch app (exit ${jest.status}):\n${report}`);
      expect(report).toMatch(new RegExp(`Tests:\\s+${USER_TEST_COUNT} passed, ${USER_TEST_COUNT} total`));
    },
    600_000,
  );
});
