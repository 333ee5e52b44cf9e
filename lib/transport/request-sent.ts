/**
 * Marks an error with whether the HTTP request may have reached the server.
 * `Symbol.for` so two copies of this package (or a bundled one) still agree on the key.
 */
export const REQUEST_SENT: unique symbol = Symbol.for('nestjs-zixflow.requestSent');

export interface RequestSentMarked {
  [REQUEST_SENT]?: boolean;
}

/** System errors raised before any byte left: connection refused, or the host name did not resolve. */
const NOT_SENT_SYSTEM_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function isObject(value: unknown): value is Record<PropertyKey, unknown> {
  return value !== null && typeof value === 'object';
}

/** Sets the marker on an error object (no-op for non-objects) and returns it. */
export function markRequestSent<E>(error: E, sent: boolean): E {
  if (isObject(error)) (error as RequestSentMarked)[REQUEST_SENT] = sent;
  return error;
}

/**
 * `false`: provably not sent (safe to send again). `true`: the request was written, its outcome is unknown
 * unless a response says otherwise. `undefined`: nobody marked the error; treat it as `true`.
 * Looks one level into `cause` because axios interceptors or callers may wrap the error.
 */
export function wasRequestSent(err: unknown): boolean | undefined {
  if (!isObject(err)) return undefined;
  const own = (err as RequestSentMarked)[REQUEST_SENT];
  if (typeof own === 'boolean') return own;
  const cause = err.cause;
  if (isObject(cause)) {
    const inner = (cause as RequestSentMarked)[REQUEST_SENT];
    if (typeof inner === 'boolean') return inner;
  }
  return undefined;
}

function codeOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.code === 'string' ? value.code : undefined;
}

function isNotSentSystemError(value: unknown): boolean {
  const code = codeOf(value);
  if (code !== undefined && NOT_SENT_SYSTEM_CODES.has(code)) return true;
  // Happy-eyeballs (autoSelectFamily) reports one AggregateError holding every address's failure.
  if (isObject(value) && Array.isArray(value.errors) && value.errors.length > 0) {
    return value.errors.every((inner: unknown) => {
      const innerCode = codeOf(inner);
      return innerCode !== undefined && NOT_SENT_SYSTEM_CODES.has(innerCode);
    });
  }
  return false;
}

/**
 * For errors from axios' own Node `http` adapter, which gives no write-progress signal:
 * `true` when the server answered, `false` for refused/unresolvable hosts, `undefined` (unknown) otherwise.
 * A timeout or reset there could be before or after the request was written, so it stays unknown.
 */
export function classifyNodeError(err: unknown): boolean | undefined {
  if (!isObject(err)) return undefined;
  if (isObject(err.response)) return true;
  if (isNotSentSystemError(err) || isNotSentSystemError(err.cause)) return false;
  return undefined;
}
