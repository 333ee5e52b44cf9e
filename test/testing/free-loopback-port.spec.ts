import { createServer, type Server } from 'node:net';
import { freeLoopbackPort } from '../../lib/testing/free-loopback-port';

const listen = (port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe('freeLoopbackPort', () => {
  it('gives a port below the ephemeral range, where no outgoing connection can take it, and the app can listen on it', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freeLoopbackPort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_768);
    }
    const servers = await Promise.all([...new Set(ports)].map(listen));
    await Promise.all(servers.map(close));
  });

  it('never gives a port something listens on', async () => {
    const taken = await Promise.all(Array.from({ length: 50 }, async () => listen(await freeLoopbackPort())));
    const busy = new Set(taken.map((server) => (server.address() as { port: number }).port));
    try {
      for (let i = 0; i < 200; i++) expect(busy.has(await freeLoopbackPort())).toBe(false);
    } finally {
      await Promise.all(taken.map(close));
    }
  });
});
