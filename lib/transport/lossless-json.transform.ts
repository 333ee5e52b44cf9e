import { parse } from 'lossless-json';

/**
 * An axios `transformResponse` that keeps every JSON number as its source text, so a 64-bit id is never
 * rounded by JSON.parse. Bodies that are not JSON are returned as text (the response parser reports them).
 */
export function parseJsonLosslessly(data: unknown): unknown {
  if (typeof data !== 'string' || data.length === 0) return data;
  try {
    return parse(data, null, (value: string) => value);
  } catch {
    return data;
  }
}
