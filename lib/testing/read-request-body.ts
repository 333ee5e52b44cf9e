import type { IncomingMessage } from 'node:http';

/** A request body read to its end. */
export interface ReadRequestBody {
  /** UTF-8 text; empty when the body was over the limit. */
  text: string;
  tooLarge: boolean;
}

/**
 * Reads a request body to its end. Past `maxBytes` it keeps draining but stops buffering, so the caller can
 * still answer 413 on a healthy connection. Rejects when the client goes away mid-body.
 */
export function readRequestBody(req: IncomingMessage, maxBytes: number): Promise<ReadRequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
      }
    });
    req.on('end', () =>
      resolve(
        size > maxBytes
          ? { text: '', tooLarge: true }
          : { text: Buffer.concat(chunks).toString('utf8'), tooLarge: false },
      ),
    );
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) {
        reject(new Error('client closed the connection before the body ended'));
      }
    });
  });
}
