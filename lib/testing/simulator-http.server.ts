import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** The simulator's `node:http` server: listens, tracks its sockets, and closes every one of them on stop. */
export class SimulatorHttpServer {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Port bound, or undefined when not listening. */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address !== 'string' ? address.port : undefined;
  }

  async listen(
    port: number,
    host: string,
    handler: (req: IncomingMessage, res: ServerResponse) => void,
  ): Promise<void> {
    const server = createServer(handler);
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error: unknown) {
      this.server = undefined;
      throw error;
    }
  }

  /**
   * Stops listening at once (`listening` is false on return) and destroys every open connection, keep-alive
   * ones included; resolves once the server is closed.
   */
  close(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    for (const socket of this.sockets) {
      socket.destroy();
    }
    this.sockets.clear();
    return closed;
  }
}
