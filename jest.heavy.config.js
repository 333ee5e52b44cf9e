/** `npm run test:heavy`: only the suites jest.config.js leaves out of `npm test` (its `heavySuites`). */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testRegex: undefined,
  testMatch: base.heavySuites.map((suite) => (suite.endsWith('/') ? `${suite}**/*spec.ts` : suite)),
  testPathIgnorePatterns: ['/node_modules/'],
};
