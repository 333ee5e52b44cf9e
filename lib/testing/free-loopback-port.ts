import { createServer } from 'node:net';
import { randomInt } from 'node:crypto';

/**
 * Where the ports come from: below 32768, where Linux (32768-60999), macOS and Windows (49152-65535) begin the
 * ephemeral range they pick outgoing connections' local ports from. A port the kernel assigned for `listen(0)`
 * lies inside that range, so any outgoing connection (an HTTP client, a Redis client, a parallel test worker)
 * could take it before the app listens: seen in CI as EADDRINUSE. Above 20000, clear of the well-known and
 * registered ports most services use.
 */
const FIRST_PORT = 20_000;
const END_PORT = 32_768;
/** Ports tried before giving up; each is taken only if something already listens there. */
const ATTEMPTS = 100;

/**
 * A loopback port nothing listens on right now: for a URL your app must know before it listens, such as
 * `postback.publicUrl` in a test (`await app.listen(port, '127.0.0.1')` afterwards). The port is chosen at random
 * outside the ephemeral range, so an outgoing connection cannot take it in between; another process choosing
 * the same port at the same moment is the one (rare) way to lose it.
 *
 * @example
 * ```ts
 * const port = await freeLoopbackPort();
 * // ZixflowModule options: postback: { publicUrl: `http://127.0.0.1:${port}/webhooks/zixflow`, secret }
 * await app.listen(port, '127.0.0.1');
 * ```
 */
export async function freeLoopbackPort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = randomInt(FIRST_PORT, END_PORT);
    if (await canListen(port, host)) return port;
  }
  throw new Error(
    `freeLoopbackPort: no free port on ${host} among ${ATTEMPTS} tried in ${FIRST_PORT}-${END_PORT - 1}`,
  );
}

/** Whether a server can listen on `port` now (it is closed again before this resolves). */
function canListen(port: number, host: string): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error),
    );
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
