/**
 * `@nestjs/terminus` is an optional peer: an app without it must be able to load every other entry point.
 * Here loading it throws, so any entry point that reached it would fail to load.
 */
describe('@nestjs/terminus stays optional', () => {
  beforeEach(() => {
    jest.resetModules();
    jest.doMock('@nestjs/terminus', () => {
      throw new Error('@nestjs/terminus was loaded');
    });
  });

  it('is never loaded by the root, testing or config entry points', async () => {
    await expect(import('../../lib')).resolves.toHaveProperty('ZixflowModule');
    await expect(import('../../lib/testing')).resolves.toHaveProperty('ZixflowSimulator');
    await expect(import('../../lib/config')).resolves.toHaveProperty('zixflowConfig');
  });

  it('is loaded by nestjs-zixflow/health', async () => {
    await expect(import('../../lib/health')).rejects.toThrow('@nestjs/terminus was loaded');
  });
});
