import { ZixflowConfigError } from '../../lib/errors/zixflow-config.error';
import { InMemoryZixflowStore } from '../../lib/store/in-memory-zixflow.store';
import type { ZixflowPostbackClaim } from '../../lib/store/zixflow-store.interface';

function claim(requestId: string, status = 'delivered', sendId?: string): ZixflowPostbackClaim {
  const instant = '2026-01-28T17:17:59.254174911Z';
  return {
    key: `${requestId}/${status}/${instant}`,
    record: {
      requestId,
      sendId,
      status,
      statusAt: instant,
      instant,
      final: status === 'delivered',
      messageId: '604132581490819100',
      remark: '',
    },
  };
}

/** What only the in-memory store promises; the shared contract is test/store/zixflow-store.contract.ts. */
describe('InMemoryZixflowStore', () => {
  it('answers synchronously, so a postback is handled without a promise', () => {
    const store = new InMemoryZixflowStore();
    expect(store.claimPostback(claim('r1'))).toEqual({
      duplicate: false,
      firstDelivery: true,
      stale: false,
      settledPending: false,
    });
    expect(store.claimPostback(claim('r1'))).toEqual({ duplicate: true });
    expect(store.getStatus('r1')?.status).toBe('delivered');
  });

  it('stays within maxEntries per table under a flood of distinct postbacks and sends', () => {
    const store = new InMemoryZixflowStore({ maxEntries: 100 });
    for (let i = 0; i < 5_000; i++) {
      store.claimPostback(claim(`r${i}`, 'delivered', `s${i}`));
      store.markPending(`p${i}`);
    }
    // The oldest went first: recent ones are still known, early ones forgotten.
    expect(store.getStatus('r4999')).toBeDefined();
    expect(store.getSettled('s4999')).toBeDefined();
    expect(store.getStatus('r0')).toBeUndefined();
    expect(store.getSettled('s0')).toBeUndefined();
    const sizes = ['claims', 'statuses', 'settled', 'pending'].map(
      (table) => (store as unknown as Record<string, { size: number }>)[table].size,
    );
    for (const size of sizes) expect(size).toBeLessThanOrEqual(100);
  });

  it('forgets each kind of state after its own TTL', () => {
    let now = 1_000_000;
    const store = new InMemoryZixflowStore({
      dedupTtlMs: 10,
      statusTtlMs: 20,
      pendingTtlMs: 50,
      now: () => now,
    });
    store.claimPostback(claim('r1', 'delivered', 's1'));
    store.markPending('s2');
    now += 9;
    expect(store.claimPostback(claim('r1')).duplicate).toBe(true);
    now += 10;
    expect(store.getStatus('r1')).toBeDefined();
    now += 1;
    expect(store.getStatus('r1')).toBeUndefined();
    expect(store.claimPostback(claim('r1')).duplicate).toBe(false);
    now += 29;
    expect(store.getSettled('s1')).toBeDefined();
    // A pending send is still pending: a postback naming it settles it.
    expect(store.claimPostback(claim('r2', 'delivered', 's2'))).toMatchObject({ settledPending: true });
    now += 1;
    expect(store.getSettled('s1')).toBeUndefined();
  });

  it('refuses bad options, naming them', () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN, Infinity]) {
      expect(() => new InMemoryZixflowStore({ maxEntries })).toThrow(/maxEntries/);
    }
    for (const name of ['dedupTtlMs', 'statusTtlMs', 'pendingTtlMs'] as const) {
      for (const value of [0, -5, 2.5, Number.NaN]) {
        const build = () => new InMemoryZixflowStore({ [name]: value });
        expect(build).toThrow(ZixflowConfigError);
        expect(build).toThrow(new RegExp(name));
      }
    }
  });

  it('keeps delivering to the other subscribers when one throws', () => {
    const store = new InMemoryZixflowStore();
    const seen: string[] = [];
    store.subscribe(() => {
      throw new Error('listener bug');
    });
    store.subscribe((update) => seen.push(update.status));
    store.claimPostback(claim('r1'));
    expect(seen).toEqual(['delivered']);
  });
});
