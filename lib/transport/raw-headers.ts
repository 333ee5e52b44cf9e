/** Response headers as Node's `http` module shapes them: lower-case names, `set-cookie` as an array. */
export type ResponseHeaderRecord = Record<string, string | string[]>;

/**
 * Turns undici's flat `[name, value, name, value, ...]` buffers into the object axios expects.
 * Repeated headers are joined with `, ` (as Node does), except `set-cookie`, which stays a list.
 */
export function rawHeadersToRecord(raw: readonly Buffer[] | readonly string[] | null): ResponseHeaderRecord {
  const out: ResponseHeaderRecord = {};
  if (!raw) return out;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toString('latin1').toLowerCase();
    const value = raw[i + 1].toString('latin1');
    const existing = out[name];
    if (existing === undefined) {
      out[name] = name === 'set-cookie' ? [value] : value;
    } else if (Array.isArray(existing)) {
      existing.push(value);
    } else {
      out[name] = `${existing}, ${value}`;
    }
  }
  return out;
}

/**
 * Just the headers the handler itself reads on a success (`content-length`, `content-encoding`), built the
 * same way as rawHeadersToRecord (lower-cased, repeats joined). Skips converting every other header.
 */
export function pickTransferHeaders(raw: readonly Buffer[] | readonly string[] | null): ResponseHeaderRecord {
  const out: ResponseHeaderRecord = {};
  if (!raw) return out;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const field = raw[i];
    // Both names are 14 and 16 bytes long and start with c/C: cheap filters before decoding the name.
    if (field.length !== 14 && field.length !== 16) continue;
    const name = field.toString('latin1').toLowerCase();
    if (name !== 'content-length' && name !== 'content-encoding') continue;
    const value = raw[i + 1].toString('latin1');
    const existing = out[name];
    out[name] = existing === undefined ? value : `${existing as string}, ${value}`;
  }
  return out;
}
