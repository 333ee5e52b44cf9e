import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The loopback origin of an app's HTTP server for one request. A server that is not listening (an app that was
 * only initialized, as in most tests) is bound to a free loopback port while requests use it, then closed, as
 * supertest does: nothing stays open after the test.
 */
export class AppHttpTarget {
  private users = 0;
  private bound: Promise<void> | undefined;

  constructor(private readonly server: Server) {}

  async use<T>(run: (origin: string) => Promise<T>): Promise<T> {
    this.users++;
    try {
      if (this.bound === undefined && this.server.listening) return await run(this.origin());
      this.bound ??= new Promise<void>((resolve, reject) => {
        this.server.once('error', reject);
        this.server.listen(0, '127.0.0.1', () => {
          this.server.off('error', reject);
          resolve();
        });
      });
      await this.bound;
      return await run(this.origin());
    } finally {
      if (--this.users === 0 && this.bound !== undefined) {
        this.bound = undefined;
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
      }
    }
  }

  private origin(): string {
    const address = this.server.address() as AddressInfo | string | null;
    if (address === null || typeof address === 'string') {
      throw new Error('ZixflowTesting.deliverPostback: the app listens on a pipe, not a TCP port');
    }
    const host =
      address.family === 'IPv6' ? `[${address.address === '::' ? '::1' : address.address}]` : address.address;
    return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  }
}
