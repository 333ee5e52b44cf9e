import { request } from 'node:http';

export interface PostResult {
  status: number;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: Record<string, unknown> | undefined;
}

/**
 * POSTs raw bytes to a loopback URL (no pooled connection, so nothing lingers after a test); `contentType`
 * null sends no Content-Type header.
 */
export function postRaw(
  url: string,
  body: string | Uint8Array,
  contentType: string | null = 'application/json',
): Promise<PostResult> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-length': bytes.length };
    if (contentType !== null) headers['content-type'] = contentType;
    const req = request(url, { method: 'POST', agent: false, headers, timeout: 5_000 });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> | undefined;
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, text, json });
      });
    });
    req.end(bytes);
  });
}
