import { ZixflowPostbackRejectedError } from '../../errors/zixflow-postback-rejected.error';

/**
 * Throws ZixflowPostbackRejectedError (413) when `raw` is over `maxBodyBytes` bytes (UTF-8 for strings).
 * Call it before parsing; parsePostbackPayload also calls it.
 */
export function assertPostbackBodySize(raw: Uint8Array | string, maxBodyBytes: number): void {
  let bytes: number;
  if (typeof raw === 'string') {
    // A UTF-16 unit is 1 to 3 UTF-8 bytes: only count bytes when the length alone cannot decide.
    if (raw.length > maxBodyBytes) bytes = raw.length;
    else bytes = raw.length * 3 <= maxBodyBytes ? 0 : Buffer.byteLength(raw, 'utf8');
  } else {
    bytes = raw.byteLength;
  }
  if (bytes > maxBodyBytes) throw ZixflowPostbackRejectedError.tooLarge(maxBodyBytes);
}
