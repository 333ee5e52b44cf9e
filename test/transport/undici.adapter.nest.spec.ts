import 'reflect-metadata';
import { HttpModule, HttpService } from '@nestjs/axios';
import { Test } from '@nestjs/testing';
import axios, { type AxiosError } from 'axios';
import { firstValueFrom } from 'rxjs';
import { createUndiciAdapter, wasRequestSent } from '../../lib/transport/undici.adapter';
import { readBody, sendJson, startHttpServer } from './helpers/loopback-server';

describe('undici adapter under @nestjs/axios HttpService', () => {
  it('works via HttpModule.register({ adapter }) and new HttpService(axios.create({ adapter }))', async () => {
    const server = await startHttpServer(async (req, res) => {
      const body = await readBody(req);
      if (req.url === '/bad') sendJson(res, 400, { success: false, message: 'bad sender_id' });
      else
        sendJson(res, 200, {
          success: true,
          message: 'SMS request queued successfully',
          request_id: 'r-1',
          echo: JSON.parse(body || 'null'),
          key: req.headers['x-api-key'],
        });
    });
    const undici = createUndiciAdapter();
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [
          HttpModule.register({
            adapter: undici.adapter,
            baseURL: server.url,
            headers: { 'x-api-key': 'k1' },
          }),
        ],
      }).compile();
      const http = moduleRef.get(HttpService);
      const ok = await firstValueFrom(
        http.post('/api/ingest/sms/v1/message/send', { recipient: '919876543210' }),
      );
      expect({
        status: ok.status,
        data: ok.data,
        adapter: (ok.request as { adapter?: string }).adapter,
      }).toEqual({
        status: 200,
        adapter: 'undici',
        data: expect.objectContaining({
          success: true,
          request_id: 'r-1',
          echo: { recipient: '919876543210' },
          key: 'k1',
        }),
      });
      const e = await firstValueFrom(http.post('/bad', {})).then(
        () => undefined,
        (error: unknown) => error as AxiosError,
      );
      expect({
        status: e?.response?.status,
        data: e?.response?.data,
        code: e?.code,
        sent: e && wasRequestSent(e),
      }).toEqual({
        status: 400,
        data: { success: false, message: 'bad sender_id' },
        code: 'ERR_BAD_REQUEST',
        sent: true,
      });
      await moduleRef.close();

      const direct = new HttpService(axios.create({ adapter: undici.adapter, baseURL: server.url }));
      const viaRef = await direct.axiosRef.request({ method: 'POST', url: '/x', data: { a: 1 } });
      expect({ status: viaRef.status, echo: (viaRef.data as { echo: unknown }).echo }).toEqual({
        status: 200,
        echo: { a: 1 },
      });
    } finally {
      await undici.close();
      await server.close();
    }
  });
});
