import { createServer, type AddressInfo } from 'node:net';

/**
 * A loopback port nothing listens on right now: for a URL your app must know before it listens, such as
 * `postback.publicUrl` in a test (`await app.listen(port, '127.0.0.1')` afterwards). Another process could take
 * the port in between; on a test machine that is rare.
 *
 * @example
 * ```ts
 * const port = await freeLoopbackPort();
 * // ZixflowModule options: postback: { publicUrl: `http://127.0.0.1:${port}/webhooks/zixflow`, secret }
 * await app.listen(port, '127.0.0.1');
 * ```
 */
export async function freeLoopbackPort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
