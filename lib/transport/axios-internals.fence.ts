import axios from 'axios';

/**
 * The one place that reads axios internals (for DirectDispatch): whether an InterceptorManager holds any
 * handler. axios 1.x keeps them in the `handlers` array (public in its typings, not documented); `eject`
 * leaves `null` in it and `clear` empties it. `axiosInternalsAsExpected()` checks that shape once on a
 * scratch instance: if a future axios changes it, the fast path turns itself off (plain axios path) and the
 * fence test (test/transport/axios-internals.fence.spec.ts) fails.
 */

/** Whether an InterceptorManager holds any handler; anything unrecognisable counts as "has interceptors". */
export function hasInterceptors(manager: unknown): boolean {
  if (manager === null || typeof manager !== 'object') return true;
  const handlers = (manager as { handlers?: unknown }).handlers;
  if (handlers === undefined || handlers === null) return false;
  if (!Array.isArray(handlers)) return true;
  for (const handler of handlers) if (handler !== null && handler !== undefined) return true;
  return false;
}

/** axios' default transforms, as arrays (axios.create copies them, so the same functions, in order). */
export const DEFAULT_TRANSFORM_REQUEST = toArray(axios.defaults.transformRequest);
export const DEFAULT_TRANSFORM_RESPONSE = toArray(axios.defaults.transformResponse);

function toArray(value: unknown): readonly unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** Same functions in the same order as axios' own defaults. */
export function isDefaultTransform(value: unknown, defaults: readonly unknown[] | undefined): boolean {
  const list = toArray(value);
  if (list === undefined || defaults === undefined) return list === defaults;
  return list.length === defaults.length && list.every((fn, i) => fn === defaults[i]);
}

/** Every fact the fence relies on, checked on a scratch instance; false when any no longer holds. */
function probeShape(): boolean {
  try {
    const scratch = axios.create();
    const managers = [scratch.interceptors.request, scratch.interceptors.response] as unknown as Array<{
      use(onFulfilled: (value: unknown) => unknown): number;
      eject(id: number): void;
      clear(): void;
    }>;
    for (const manager of managers) {
      if (hasInterceptors(manager)) return false;
      if (!Array.isArray((manager as { handlers?: unknown }).handlers)) return false;
      const id = manager.use((value) => value);
      if (!hasInterceptors(manager)) return false;
      manager.eject(id);
      if (hasInterceptors(manager)) return false;
      manager.use((value) => value);
      manager.clear();
      if (hasInterceptors(manager)) return false;
    }
    return DEFAULT_TRANSFORM_REQUEST !== undefined && DEFAULT_TRANSFORM_RESPONSE !== undefined;
  } catch {
    return false;
  }
}

let shapeOk: boolean | undefined;

/** Whether the installed axios still has the shape this fence reads (checked once per process). */
export function axiosInternalsAsExpected(): boolean {
  shapeOk ??= probeShape();
  return shapeOk;
}

/**
 * True when nothing of the instance runs after its adapter answered: no response interceptor and axios'
 * default transformResponse (which only raises AxiosErrors). An error that is not an AxiosError then came
 * from before the adapter (a request interceptor, transformRequest), so the request was not sent.
 */
export function nothingRunsAfterAdapter(instance: {
  interceptors?: { response?: unknown };
  defaults: { transformResponse?: unknown };
}): boolean {
  return (
    axiosInternalsAsExpected() &&
    !hasInterceptors(instance.interceptors?.response) &&
    isDefaultTransform(instance.defaults.transformResponse, DEFAULT_TRANSFORM_RESPONSE)
  );
}
