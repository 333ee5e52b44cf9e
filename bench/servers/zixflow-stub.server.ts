/**
 * A minimal stand-in for Zixflow's send endpoint, run in its own process (child_process.fork) so the
 * server does not compete with the client for one event loop. Answers every POST with the documented
 * queued body and a fresh uuid; tells the parent its port over IPC, exits when the parent says so.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

const PREFIX = '{"success":true,"message":"SMS request queued successfully","request_id":"';

let served = 0;
const server = http.createServer((req, res) => {
  // Drain the body before answering, like a real API.
  req.on('data', () => undefined);
  req.on('end', () => {
    served++;
    const body = `${PREFIX}${randomUUID()}"}`;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 30_000;

server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
});

process.on('message', (message: { type?: string }) => {
  if (message?.type === 'stats') process.send?.({ type: 'stats', served });
  if (message?.type === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
// Never outlive the bench.
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(0), 540_000).unref();
