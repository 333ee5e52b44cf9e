import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { SmsService, ZixflowError, ZixflowModule } from '../../lib';
import {
  readBody,
  sendJson,
  startHttpServer,
  type LoopbackServer,
} from '../transport/helpers/loopback-server';
import { createTestApp } from '../utils/zixflow-test-app';

const INPUT = { recipient: '919876543210', message: 'Your order shipped' };

/** `http` options: redirects are never followed, whichever transport sends. */
describe('ZixflowModule http options', () => {
  let server: LoopbackServer;
  const seen: string[] = [];

  beforeAll(async () => {
    server = await startHttpServer(async (req, res) => {
      await readBody(req);
      seen.push(`${req.method} ${req.url}`);
      if (req.url?.startsWith('/moved')) {
        sendJson(res, 200, { success: true, message: 'queued', request_id: 'after-redirect' });
        return;
      }
      res.writeHead(307, { location: `${server.url}/moved` });
      res.end();
    });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it.each(['undici', 'http'] as const)(
    'adapter %s: a 307 is not followed (the POST is not re-sent elsewhere)',
    async (adapter) => {
      // No simulator: a redirecting server stands in for Zixflow, so the module options are written out here.
      const app: INestApplication = await createTestApp({
        imports: [
          ZixflowModule.forRoot({
            apiKey: 'k',
            workspaceId: 'w',
            baseUrl: server.url,
            defaults: { senderId: 'ZIXFLW', route: 'transactional' },
            retry: { maxAttempts: 1 },
            http: { adapter },
          }),
        ],
      });
      try {
        const error = (await app
          .get(SmsService)
          .send(INPUT)
          .catch((e: unknown) => e)) as ZixflowError;
        expect(error).toBeInstanceOf(ZixflowError);
        expect(error).toMatchObject({ code: 'API_ERROR', status: 307, outcome: 'not_sent' });
        expect(seen).toEqual(['POST /api/ingest/sms/v1/message/send']);
      } finally {
        await app.close();
      }
    },
  );
});
