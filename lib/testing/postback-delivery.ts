import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { loopbackOnlyLookup } from './loopback-guard';

/** Outcome of one postback POST. Exactly one of the fields is set. */
export interface PostbackDeliveryResult {
  status?: number;
  error?: string;
}

/**
 * POSTs a JSON body once and reports what happened; never rejects. Uses a fresh connection per postback
 * (no agent pool) so nothing lingers after the simulator stops.
 */
export function deliverPostback(
  url: URL,
  body: string,
  options: { signal: AbortSignal; timeoutMs: number },
): Promise<PostbackDeliveryResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostbackDeliveryResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    try {
      const req = send(url, {
        method: 'POST',
        agent: false,
        lookup: loopbackOnlyLookup,
        signal: options.signal,
        timeout: options.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'zixflow-simulator',
        },
      });
      req.on('response', (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        res.on('error', () => finish({ status }));
        res.on('end', () => finish({ status }));
        res.on('close', () => finish({ status }));
        res.resume();
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
      req.on('error', (error: Error) => finish({ error: error.message }));
      req.end(body);
    } catch (error: unknown) {
      finish({ error: error instanceof Error ? error.message : String(error) });
    }
  });
}
