/**
 * Nest 12 ships as ESM only. Node 20 can require() it, but Jest's own module loader cannot, so Jest
 * compiles those packages to CommonJS (import.meta.url and import() included). SWC compiles both them and our
 * TypeScript, as the README tells users to (test/packaging/user-app.fixture.ts); both then share one module
 * registry, so DI tokens and metadata match.
 *
 * Why SWC and not ts-jest + Babel: a fresh clone has no Jest cache, so every worker compiles lib, the tests and
 * Nest's ES modules first. SWC does that in a fraction of the time (a cold run of the postback e2e, health and
 * sms specs: 41 s of CPU with ts-jest + Babel, 31 s with SWC), and its workers hold no TypeScript compiler.
 * Nest's dependency injection reads the constructor parameter types TypeScript records (emitDecoratorMetadata):
 * `decoratorMetadata` below writes the same `design:paramtypes`, so every e2e that builds a Nest app proves it.
 * Class fields follow tsconfig's ES2022 target (define semantics, as tsc emits them).
 *
 * TypeScript is only transpiled here; `npm run typecheck` type-checks lib and tests, and .ci/run runs it.
 *
 * `npm test` runs every suite but the heavy ones below; `npm run test:heavy` (jest.heavy.config.js) runs those.
 */
const { availableParallelism } = require('node:os');

const ESM_PACKAGES = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  'load-esm',
];

/**
 * Suites that take minutes or build and install the package: packaging, the 200 000-item memory run and the
 * 10 000-send soak prove scale and publishing, not behaviour the other suites miss. The README snippets check
 * (test/docs) builds the package's typings and compiles against them with library checking on. The
 * multi-process suites (test/queue-processes, test/replicas) prove what only real processes on Redis show (a
 * rate limit held across workers for ten seconds, a worker killed mid-run, shutdown with jobs active, two
 * replicas behind one postback URL, Redis restarted under a replica), so CI runs them too.
 */
const HEAVY_SUITES = [
  // package.e2e-spec.ts and user-jest.e2e-spec.ts (a user's app running Jest on Nest 12 and 11).
  '<rootDir>/test/packaging/',
  '<rootDir>/test/e2e/bulk-memory.e2e-spec.ts',
  '<rootDir>/test/e2e/reliability-soak.e2e-spec.ts',
  '<rootDir>/test/docs/',
  // Four Node processes that compile lib/ with ts-node (about 10 s each on a quiet host): it guards what is
  // published (bullmq and @nestjs/bullmq stay out of the root entry), as the packaging suite does.
  '<rootDir>/test/queue/optional-peer.spec.ts',
  // Queue worker processes on Redis: the rate limit over ten seconds, a 5 000-job crash run, shutdown.
  '<rootDir>/test/queue-processes/',
  // Two replica processes and a redis-server of its own, each replica booting Nest and the library (about 8 s of
  // CPU, 10 s on a quiet host): the longest suite of `npm test` before, and what the in-process store suites
  // (test/store, test/redis) prove about the shared store holds without processes.
  '<rootDir>/test/replicas/',
];

/**
 * SWC's options for `syntax` ('typescript' for ours, 'ecmascript' for Nest's ES modules). The child apps of the
 * multi-process tests are compiled with the same (scripts/transpile-tree.ts reads them from here).
 */
const swcOptions = (syntax) => ({
  swcrc: false,
  jsc: {
    parser: syntax === 'typescript' ? { syntax, decorators: true } : { syntax },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
});
const swc = (syntax) => ['@swc/jest', swcOptions(syntax)];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/lib', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', ...HEAVY_SUITES],
  transform: {
    '^.+\\.ts$': swc('typescript'),
    '^.+\\.m?js$': swc('ecmascript'),
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 30000,
  // One worker more than there are cores. A suite's worker sits idle while it waits on sockets, timers and Redis:
  // summed over the suites, 34 s of idle event loop against 83 s of CPU (measured 2026-12-02 on this 2-core
  // machine). With one worker per core a core idles through those waits, (83 + 34) / 2 = 59 s at best; a third
  // worker fills them, so CPU bounds the run, 83 / 2 = 42 s. Jest's default (cores - 1) would idle a core outright.
  maxWorkers: availableParallelism() + 1,
  // A worker ends by letting its event loop drain. Measured here (2026-12-02): every worker, even one that ran two
  // trivial unit specs, emits 'exit' within 5 ms of Jest's end message with no handle left open, then spends
  // 250-300 ms (idle machine) to over 500 ms (busy machine) in V8's heap teardown before the process is gone. At
  // Jest's default of 500 ms that printed "A worker process has failed to exit gracefully" although nothing leaked.
  // A real leak (a socket or a ref'd timer) keeps a worker alive past this longer limit and is still reported.
  workerGracefulExitTimeout: 5000,
};

// Not Jest options, so not enumerable: jest.heavy.config.js and scripts/transpile-tree.ts read them, Jest's option
// check never sees them.
Object.defineProperty(module.exports, 'heavySuites', { value: HEAVY_SUITES, enumerable: false });
Object.defineProperty(module.exports, 'swcOptions', { value: swcOptions, enumerable: false });
