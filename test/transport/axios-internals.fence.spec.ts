import axios from 'axios';
import {
  DEFAULT_TRANSFORM_RESPONSE,
  axiosInternalsAsExpected,
  hasInterceptors,
  isDefaultTransform,
  nothingRunsAfterAdapter,
} from '../../lib/transport/axios-internals.fence';

/**
 * The fence around axios internals that the send fast path (DirectDispatch) relies on. If an axios upgrade
 * changes any of this, these tests fail here, by name, and the fast path turns itself off at runtime.
 */
describe('axios internals fence', () => {
  it('the installed axios has the shape the fence reads', () => {
    expect(axiosInternalsAsExpected()).toBe(true);
  });

  it.each(['request', 'response'] as const)(
    'InterceptorManager.handlers (%s): use adds, eject nulls, clear empties',
    (kind) => {
      const manager = axios.create().interceptors[kind] as unknown as {
        handlers: unknown;
        use(fn: (v: unknown) => unknown): number;
        eject(id: number): void;
        clear(): void;
      };
      expect(Array.isArray(manager.handlers)).toBe(true);
      expect(hasInterceptors(manager)).toBe(false);
      const id = manager.use((v) => v);
      expect((manager.handlers as unknown[]).filter(Boolean)).toHaveLength(1);
      expect(hasInterceptors(manager)).toBe(true);
      manager.eject(id);
      expect(hasInterceptors(manager)).toBe(false);
      manager.use((v) => v);
      manager.clear();
      expect(hasInterceptors(manager)).toBe(false);
    },
  );

  it('anything unrecognisable counts as "has interceptors" (the safe answer)', () => {
    expect(hasInterceptors(undefined)).toBe(true);
    expect(hasInterceptors({ handlers: 'x' })).toBe(true);
    expect(hasInterceptors({ handlers: new Set([1]) })).toBe(true);
  });

  it('axios.create copies the default transforms (same functions, same order)', () => {
    const instance = axios.create();
    expect(isDefaultTransform(instance.defaults.transformResponse, DEFAULT_TRANSFORM_RESPONSE)).toBe(true);
    expect(
      isDefaultTransform([...DEFAULT_TRANSFORM_RESPONSE!, (d: unknown) => d], DEFAULT_TRANSFORM_RESPONSE),
    ).toBe(false);
  });

  it('nothingRunsAfterAdapter: false once a response interceptor or a custom transformResponse is added', () => {
    const instance = axios.create();
    expect(nothingRunsAfterAdapter(instance)).toBe(true);
    const id = instance.interceptors.response.use((r) => r);
    expect(nothingRunsAfterAdapter(instance)).toBe(false);
    instance.interceptors.response.eject(id);
    instance.interceptors.request.use((c) => c);
    expect(nothingRunsAfterAdapter(instance)).toBe(true);
    instance.defaults.transformResponse = [(d: unknown) => d];
    expect(nothingRunsAfterAdapter(instance)).toBe(false);
  });
});
