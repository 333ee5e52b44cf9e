import { Logger } from '@nestjs/common';
import { STORE_FAILURE_LOG_WINDOW_MS, StoreFailureLog } from '../../lib/store/store-failure.log';

describe('StoreFailureLog', () => {
  let error: jest.SpyInstance;

  beforeEach(() => {
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const lines = (): string[] => error.mock.calls.map(([message]) => String(message));

  it('logs the first failure at once, with the operation and the reason', () => {
    const log = new StoreFailureLog();
    log.record('record a send of unknown outcome', new Error('ECONNREFUSED 127.0.0.1:6379'), 1_000);
    expect(lines()).toEqual([
      'Zixflow store failed to record a send of unknown outcome: ECONNREFUSED 127.0.0.1:6379',
    ]);
    expect(log.count).toBe(1);
  });

  it('logs at most once per window, then says how many failures it did not log', () => {
    const log = new StoreFailureLog();
    const start = 5_000_000;
    log.record('read the latest status of a request', new Error('down'), start);
    for (let i = 1; i <= 4; i++)
      log.record('read the latest status of a request', new Error('down'), start + i);
    log.record('read the latest status of a request', 'still down', start + STORE_FAILURE_LOG_WINDOW_MS - 1);
    expect(lines()).toHaveLength(1);
    expect(log.count).toBe(6);

    log.record('read the latest status of a request', 'still down', start + STORE_FAILURE_LOG_WINDOW_MS);
    expect(lines()).toHaveLength(2);
    expect(lines()[1]).toBe(
      'Zixflow store failed to read the latest status of a request: still down (5 more failures since the last report)',
    );
    expect(log.count).toBe(7);

    // The window restarts from the line just logged, and the count of unlogged failures from zero.
    const next = start + 2 * STORE_FAILURE_LOG_WINDOW_MS;
    log.record('record a send of unknown outcome', new Error('back?'), next - 1);
    log.record('record a send of unknown outcome', new Error('no'), next);
    expect(lines()).toHaveLength(3);
    expect(lines()[2]).toBe(
      'Zixflow store failed to record a send of unknown outcome: no (1 more failures since the last report)',
    );
    expect(log.count).toBe(9);
  });

  it('each instance keeps its own window and count', () => {
    const first = new StoreFailureLog();
    const second = new StoreFailureLog();
    first.record('op', new Error('a'), 0);
    second.record('op', new Error('b'), 1);
    expect(lines()).toHaveLength(2);
    expect([first.count, second.count]).toEqual([1, 1]);
  });
});
