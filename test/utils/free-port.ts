import { createServer, type AddressInfo } from 'node:net';

/**
 * A loopback port nothing listens on: listen on port 0, note the port, close. For a URL that must be known
 * before the app listens (a postback URL is a module option), or for a connection that must be refused.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
