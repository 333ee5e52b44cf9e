/**
 * Nest 12 ships as ESM only. Node 20 can require() it, but Jest's own module loader cannot, so Jest
 * compiles those packages to CommonJS with Babel (import.meta.url and import() included). Our TypeScript goes
 * through ts-jest as before; both then share one module registry, so DI tokens and metadata match.
 *
 * TypeScript is only transpiled here (`isolatedModules` in tsconfig.json makes ts-jest skip type checks);
 * `npm run typecheck` type-checks lib and tests, and .ci/run runs it.
 *
 * `npm test` runs every suite but the heavy ones below; `npm run test:heavy` (jest.heavy.config.js) runs those.
 */
const ESM_PACKAGES = ['@nestjs', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', 'load-esm'];

/**
 * Suites that take minutes or build and install the package: packaging, the 200 000-item memory run and the
 * 10 000-send soak. They prove scale and publishing, not behaviour the other suites miss. The README snippets
 * check (test/docs) builds the package's typings and compiles against them with library checking on.
 */
const HEAVY_SUITES = [
  // package.e2e-spec.ts and user-jest.e2e-spec.ts (a user's app running Jest on Nest 12 and 11).
  '<rootDir>/test/packaging/',
  '<rootDir>/test/e2e/bulk-memory.e2e-spec.ts',
  '<rootDir>/test/e2e/reliability-soak.e2e-spec.ts',
  '<rootDir>/test/docs/',
  // Two Node processes that compile lib/ with ts-node (about 5 s each on a quiet host): it guards what is
  // published (bullmq stays out of the root entry), as the packaging suite does.
  '<rootDir>/test/queue/optional-peer.spec.ts',
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/lib', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', ...HEAVY_SUITES],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.m?js$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        plugins: [
          // ES6: `import url from 'url'` at the top rather than an inline require('url'), which Babel renames
          // in modules that declare their own `require` (Terminus: `const require = createRequire(...)`).
          ['babel-plugin-transform-import-meta', { module: 'ES6' }],
          '@babel/plugin-transform-dynamic-import',
          '@babel/plugin-transform-modules-commonjs',
        ],
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 30000,
  // Jest's default leaves a core idle (one worker on two cores); the suites mostly wait on sockets and timers.
  maxWorkers: '100%',
  // A worker ends by letting its event loop drain. Measured here (2026-12-02): every worker, even one that ran two
  // trivial unit specs, emits 'exit' within 5 ms of Jest's end message with no handle left open, then spends
  // 250-300 ms (idle machine) to over 500 ms (busy machine) in V8's heap teardown before the process is gone. At
  // Jest's default of 500 ms that printed "A worker process has failed to exit gracefully" although nothing leaked.
  // A real leak (a socket or a ref'd timer) keeps a worker alive past this longer limit and is still reported.
  workerGracefulExitTimeout: 5000,
};

// Not a Jest option, so not enumerable: jest.heavy.config.js reads it, Jest's option check never sees it.
Object.defineProperty(module.exports, 'heavySuites', { value: HEAVY_SUITES, enumerable: false });
