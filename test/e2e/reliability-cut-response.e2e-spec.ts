import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { SmsService, ZixflowNetworkError } from '../../lib';
import { startHttpServer, type LoopbackServer } from '../transport/helpers/loopback-server';
import { createZixflowTestApp, useTestSimulator } from '../utils/zixflow-test-app';

describe.each([['undici'], ['http']] as const)(
  'A response cut after its headers, on the %s transport',
  (adapter) => {
    // Only for the credentials: requests go to the cutting server.
    const simulator = useTestSimulator();
    let server: LoopbackServer;
    let app: INestApplication;

    beforeAll(async () => {
      server = await startHttpServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
          res.write('{"success":true,"message":"SMS request q');
          // The rest never comes: the connection drops mid-body.
          setTimeout(() => res.socket?.destroy(), 20);
        });
      });
      app = await createZixflowTestApp(simulator, {
        baseUrl: server.url,
        timeoutMs: 5000,
        http: { adapter },
      });
    });
    afterAll(async () => {
      await app.close();
      await server.close();
    });

    it('is a NETWORK error with outcome unknown (the SMS may be queued), not an API error with status 200', async () => {
      const error = await app
        .get(SmsService)
        .send({ recipient: '919876543210', message: 'cut' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZixflowNetworkError);
      expect(error).toMatchObject({ code: 'NETWORK', outcome: 'unknown', request: { attempts: 1 } });
    });
  },
);
