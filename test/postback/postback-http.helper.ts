import { request } from 'node:http';
import { createServer } from 'node:net';

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

/**
 * A free loopback port. The public postback URL (with its port) is a module option, so it must be known
 * before the app is compiled, i.e. before `app.listen()` could report a port it picked itself.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
