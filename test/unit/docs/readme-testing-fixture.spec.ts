import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { USER_JEST_CONFIG, USER_SPECS } from '../../packaging/user-app.fixture';

/**
 * The README's testing section shows the files the heavy user-Jest test (test/packaging/user-jest.e2e-spec.ts)
 * runs in a scratch app: the two must not drift apart, or the README would show untested code.
 */
describe('README testing section', () => {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

  it('shows the jest.config.js the scratch app runs with, byte for byte', () => {
    expect(readme).toContain(USER_JEST_CONFIG);
  });

  it.each(Object.entries(USER_SPECS))('shows %s byte for byte', (_name, text) => {
    expect(readme).toContain(text.trim());
  });
});
