import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import type { ResponseHeaderRecord } from './raw-headers';

const unzip = promisify(zlib.unzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotliDecompress = promisify(zlib.brotliDecompress);

/** zlib's error when `maxOutputLength` is exceeded. */
export const DECODED_TOO_LARGE = 'ERR_BUFFER_TOO_LARGE';

export interface DecodeOptions {
  /** axios' `decompress` (default true). */
  decompress: boolean;
  /** Cap on the decoded size in bytes; -1 for none. */
  maxContentLength: number;
  /** HEAD and 204 carry no body even when they announce an encoding. */
  bodyless: boolean;
}

/**
 * Undoes `content-encoding` like axios' http adapter does, and removes the header once decoded so
 * downstream code does not decode twice. Runs on the zlib thread pool; the size cap bounds zip bombs.
 */
export async function decodeResponseBody(
  body: Buffer,
  headers: ResponseHeaderRecord,
  options: DecodeOptions,
): Promise<Buffer> {
  const header = headers['content-encoding'];
  if (!options.decompress || typeof header !== 'string') return body;
  if (options.bodyless) {
    delete headers['content-encoding'];
    return body;
  }
  if (body.length === 0) return body;
  const zlibOptions: zlib.ZlibOptions = {
    // Tolerate a truncated stream like axios does (it uses Z_SYNC_FLUSH).
    finishFlush: zlib.constants.Z_SYNC_FLUSH,
    ...(options.maxContentLength > -1 ? { maxOutputLength: Math.max(1, options.maxContentLength) } : {}),
  };
  let decoded: Buffer;
  switch (header.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
    case 'compress':
    case 'x-compress':
      decoded = await unzip(body, zlibOptions);
      break;
    case 'deflate':
      // Some servers send raw deflate without the zlib header; the low nibble 8 marks a zlib stream.
      decoded =
        (body[0] & 0x0f) === 8 ? await inflate(body, zlibOptions) : await inflateRaw(body, zlibOptions);
      break;
    case 'br':
      decoded = await brotliDecompress(body, {
        finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
        ...(options.maxContentLength > -1 ? { maxOutputLength: Math.max(1, options.maxContentLength) } : {}),
      });
      break;
    default:
      return body;
  }
  delete headers['content-encoding'];
  return decoded;
}

/** `arraybuffer` gives the Buffer (as axios' Node adapter does); everything else is text for transformResponse. */
export function toResponseData(
  body: Buffer,
  responseType: string | undefined,
  encoding: string | undefined,
): Buffer | string {
  if (responseType === 'arraybuffer') return body;
  const enc = (encoding ?? 'utf8') as BufferEncoding;
  const text = body.toString(enc);
  // axios strips a UTF-8 BOM so JSON.parse does not choke on it.
  return (enc === 'utf8' || enc === 'utf-8') && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
