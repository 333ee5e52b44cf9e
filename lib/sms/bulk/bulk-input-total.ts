/** The item count when the input tells it without being consumed: an array, or a numeric `length` / `size`. */
export function bulkInputTotal(inputs: unknown): number | undefined {
  if (Array.isArray(inputs)) return inputs.length;
  if (inputs === null || typeof inputs !== 'object') return undefined;
  const { length, size } = inputs as { length?: unknown; size?: unknown };
  for (const candidate of [length, size]) {
    if (typeof candidate === 'number' && Number.isSafeInteger(candidate) && candidate >= 0) return candidate;
  }
  return undefined;
}
