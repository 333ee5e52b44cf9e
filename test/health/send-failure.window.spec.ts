import { SendFailureWindow } from '../../lib/health/send-failure.window';

/** The failure counts the health check reports: by code, over a sliding window, forgetting older ones. */
describe('SendFailureWindow', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('counts failures by code', () => {
    const window = new SendFailureWindow(300_000, 30, clock);
    window.record('AUTH');
    window.record('TIMEOUT');
    window.record('AUTH');
    expect(window.snapshot()).toEqual({ windowMs: 300_000, byCode: { AUTH: 2, TIMEOUT: 1 } });
  });

  it('keeps a failure for the window and forgets it after', () => {
    const window = new SendFailureWindow(300_000, 30, clock);
    window.record('NETWORK');
    now += 290_000 - (now % 10_000); // still inside the window (at least window minus one step)
    window.record('TIMEOUT');
    expect(window.snapshot().byCode).toEqual({ NETWORK: 1, TIMEOUT: 1 });
    now += 10_000;
    expect(window.snapshot().byCode).toEqual({ TIMEOUT: 1 });
    now += 300_000;
    expect(window.snapshot().byCode).toEqual({});
  });

  it('reuses a slot of the ring without carrying its old counts', () => {
    const window = new SendFailureWindow(300_000, 30, clock);
    window.record('AUTH');
    now += 300_000; // same slot, one full turn later
    window.record('TIMEOUT');
    expect(window.snapshot().byCode).toEqual({ TIMEOUT: 1 });
  });
});
