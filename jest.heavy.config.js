/** `npm run test:heavy`: only the suites jest.config.js leaves out of `npm test` (its `heavySuites`). */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testRegex: undefined,
  testMatch: base.heavySuites.map((suite) => (suite.endsWith('/') ? `${suite}**/*spec.ts` : suite)),
  testPathIgnorePatterns: ['/node_modules/'],
  // A worker per core: these suites keep the CPU busy themselves (200 000 sends, npm installs, worker processes),
  // so the extra worker npm test uses to fill idle waits would only slow each of them down.
  maxWorkers: '100%',
};
