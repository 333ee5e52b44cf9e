/**
 * ioredis is an optional peer: an app without it must be able to load every other entry point. Here loading
 * it throws, so any entry point that reached it would fail to load. (In-process, as test/health does: a child
 * Node process per check compiled the whole library again, seconds each.)
 */
describe('ioredis, an optional peer', () => {
  beforeEach(() => {
    jest.resetModules();
    jest.doMock('ioredis', () => {
      throw new Error('ioredis was loaded');
    });
  });

  afterEach(() => {
    jest.dontMock('ioredis');
  });

  it('is never loaded by the root, testing, config or health entry points', async () => {
    await expect(import('../../lib')).resolves.toHaveProperty('ZixflowModule');
    await expect(import('../../lib/testing')).resolves.toHaveProperty('ZixflowSimulator');
    await expect(import('../../lib/config')).resolves.toHaveProperty('zixflowConfig');
    await expect(import('../../lib/health')).resolves.toHaveProperty('ZixflowHealthIndicator');
  });

  it('is loaded by nestjs-zixflow/redis (so the check above can fail)', async () => {
    await expect(import('../../lib/redis')).rejects.toThrow('ioredis was loaded');
  });
});
