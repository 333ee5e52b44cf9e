import 'reflect-metadata';
import { inspect } from 'node:util';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import axios, { AxiosError, AxiosHeaders } from 'axios';
import { of, throwError } from 'rxjs';
import {
  SmsService,
  ZIXFLOW_HTTP_SERVICE,
  ZixflowError,
  ZixflowModule,
  isSafeToResend,
  type ZixflowModuleOptions,
} from '../../lib';
import { ZixflowHttpClient } from '../../lib/transport/zixflow-http.client';
import {
  createTestApp,
  createZixflowTestApp,
  simulatorOptions,
  useTestSimulator,
  type TestAppOptions,
} from '../utils/zixflow-test-app';
import { rejectionOf } from '../utils/thrown-by';

const API_KEY = 'sk_outcomes_SECRET_4242';
const WORKSPACE = 'ws_outcomes_1';
const SEND_PATH = '/api/ingest/sms/v1/message/send';
const INPUT = { recipient: '919876543210', message: 'Your order shipped' };
const QUEUED = { success: true, message: 'SMS request queued successfully', request_id: 'req-mock-1' };

type Mode = 'fast' | 'interceptor' | 'off';

/**
 * Failures that are not the network's: our own code, an interceptor, a mocked HTTP service. Each must say
 * INTERNAL (not NETWORK), carry a sanitized cause, and claim `not_sent` only when provable.
 */
describe('send failures that are not network failures', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });
  const apps: INestApplication[] = [];

  afterEach(async () => {
    while (apps.length) await apps.pop()!.close();
  });

  async function bootWith(extra: Partial<ZixflowModuleOptions>): Promise<INestApplication> {
    const app = await createZixflowTestApp(simulator, { retry: { maxAttempts: 1 }, ...extra });
    apps.push(app);
    return app;
  }

  async function boot(mode: Mode): Promise<INestApplication> {
    const app = await bootWith(mode === 'off' ? { fastPaths: { directDispatch: false } } : {});
    if (mode === 'interceptor') {
      app.get<HttpService>(ZIXFLOW_HTTP_SERVICE).axiosRef.interceptors.request.use((config) => config);
    }
    return app;
  }

  it.each<Mode>(['fast', 'interceptor', 'off'])(
    '%s path: a body that cannot be serialized is INTERNAL, not_sent, and nothing reaches the server',
    async (mode) => {
      const app = await boot(mode);
      const client = app.get(ZixflowHttpClient);
      const error = await rejectionOf(client.post(SEND_PATH, { count: 10n }), ZixflowError);
      expect(error).toBeInstanceOf(ZixflowError);
      expect(error).toMatchObject({ code: 'INTERNAL', outcome: 'not_sent' });
      expect((error.cause as Error).name).toBe('TypeError');
      expect(isSafeToResend(error)).toBe(true);
      expect(simulator.requests).toHaveLength(0);
    },
  );

  it('axios path: a request interceptor that throws is INTERNAL, not_sent, with a redacted cause', async () => {
    const app = await boot('fast');
    app.get<HttpService>(ZIXFLOW_HTTP_SERVICE).axiosRef.interceptors.request.use(() => {
      throw new Error(`tracing context missing for key ${API_KEY}`);
    });
    const error = await rejectionOf(app.get(SmsService).send(INPUT), ZixflowError);
    expect(error).toMatchObject({ code: 'INTERNAL', outcome: 'not_sent' });
    expect((error.cause as Error).message).toBe('tracing context missing for key [REDACTED]');
    for (const text of [
      error.message,
      JSON.stringify(error),
      inspect(error),
      String((error.cause as Error).stack),
    ])
      expect(text).not.toContain(API_KEY);
    expect(simulator.requests).toHaveLength(0);
  });

  it('axios path: a response interceptor that throws is INTERNAL with outcome unknown (the SMS went out)', async () => {
    const app = await boot('fast');
    app.get<HttpService>(ZIXFLOW_HTTP_SERVICE).axiosRef.interceptors.response.use(() => {
      throw new TypeError('cannot read properties of undefined');
    });
    const error = await rejectionOf(app.get(SmsService).send(INPUT), ZixflowError);
    expect(error).toMatchObject({ code: 'INTERNAL', outcome: 'unknown' });
    expect(isSafeToResend(error)).toBe(false);
    expect(simulator.sends).toHaveLength(1);
  });

  it('transport failures stay NETWORK (connection refused: not_sent)', async () => {
    const app = await boot('fast');
    await app.close();
    apps.pop();
    const refused = await bootWith({ baseUrl: 'http://127.0.0.1:9' });
    const error = await rejectionOf(refused.get(SmsService).send(INPUT), ZixflowError);
    expect(error).toMatchObject({ code: 'NETWORK', outcome: 'not_sent' });
  });
});

describe('the documented ways of mocking', () => {
  const simulator = useTestSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE });

  @Injectable()
  class OrdersNotifier {
    constructor(private readonly sms: SmsService) {}
    shipped(phone: string): Promise<{ requestId: string }> {
      return this.sms.send({ recipient: phone, message: 'Your order shipped' });
    }
  }

  async function appWith(override: TestAppOptions['override']): Promise<INestApplication> {
    // As in the README's mocking example: the app's module imports ZixflowModule; the override reaches in.
    @Module({
      imports: [ZixflowModule.forRoot(simulatorOptions(simulator, { retry: { maxAttempts: 1 } }))],
      providers: [OrdersNotifier],
    })
    class AppModule {}
    return createTestApp({ imports: [AppModule] }, { override });
  }

  it('overrideProvider(SmsService) with a jest mock: the app gets the mock', async () => {
    const send = jest.fn().mockResolvedValue({ requestId: 'mocked', message: 'queued' });
    const app = await appWith((b) => b.overrideProvider(SmsService).useValue({ send }));
    try {
      await expect(app.get(OrdersNotifier).shipped('919876543210')).resolves.toEqual({
        requestId: 'mocked',
        message: 'queued',
      });
      expect(send).toHaveBeenCalledWith({ recipient: '919876543210', message: 'Your order shipped' });
      expect(simulator.requests).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it('overrideProvider(ZIXFLOW_HTTP_SERVICE) with { post } returning an Observable: sends go through it', async () => {
    const post = jest.fn((_url: string, _data: unknown, _config: unknown) =>
      of({ data: QUEUED, status: 200 }),
    );
    const app = await appWith((b) => b.overrideProvider(ZIXFLOW_HTTP_SERVICE).useValue({ post }));
    try {
      await expect(app.get(OrdersNotifier).shipped('919876543210')).resolves.toEqual({
        requestId: 'req-mock-1',
        message: 'SMS request queued successfully',
        sendId: expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        ),
      });
      expect(post).toHaveBeenCalledTimes(1);
      const [url, data, config] = post.mock.calls[0];
      expect(url).toBe(SEND_PATH);
      expect(data).toEqual({
        recipient: '919876543210',
        message: 'Your order shipped',
        sender_id: 'ZIXFLW',
        route: 'transactional',
      });
      expect(config).toMatchObject({ baseURL: simulator.url, headers: { 'x-workspace-id': WORKSPACE } });
      expect(simulator.requests).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it('an overriding service that answers an HTTP error maps like the real one (429 -> RATE_LIMITED)', async () => {
    const response = {
      data: { success: false, message: 'slow down' },
      status: 429,
      statusText: 'Too Many Requests',
      headers: { 'retry-after': '3' },
      config: { headers: new AxiosHeaders() },
    };
    const post = jest.fn(() =>
      throwError(
        () =>
          new AxiosError('Request failed with status code 429', 'ERR_BAD_REQUEST', undefined, {}, response),
      ),
    );
    const app = await appWith((b) => b.overrideProvider(ZIXFLOW_HTTP_SERVICE).useValue({ post }));
    try {
      const error = await rejectionOf(app.get(OrdersNotifier).shipped('919876543210'), ZixflowError);
      expect(error).toMatchObject({ code: 'RATE_LIMITED', outcome: 'not_sent', retryAfterMs: 3000 });
    } finally {
      await app.close();
    }
  });

  it('a success without a request_id is API_ERROR with outcome unknown (it may be queued)', async () => {
    const post = jest.fn(() => of({ data: { success: true, message: 'queued' }, status: 200 }));
    const app = await appWith((b) => b.overrideProvider(ZIXFLOW_HTTP_SERVICE).useValue({ post }));
    try {
      const error = await rejectionOf(app.get(OrdersNotifier).shipped('919876543210'), ZixflowError);
      expect(error).toMatchObject({ code: 'API_ERROR', status: 200, outcome: 'unknown' });
      expect(isSafeToResend(error)).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('an overriding service whose Observable errors with a non-HTTP error: INTERNAL, outcome unknown', async () => {
    const post = jest.fn(() => throwError(() => new Error('mock not primed')));
    const app = await appWith((b) => b.overrideProvider(ZIXFLOW_HTTP_SERVICE).useValue({ post }));
    try {
      const error = await rejectionOf(app.get(OrdersNotifier).shipped('919876543210'), ZixflowError);
      expect(error).toMatchObject({ code: 'INTERNAL', outcome: 'unknown' });
      expect((error.cause as Error).message).toBe('mock not primed');
    } finally {
      await app.close();
    }
  });

  it('an overriding service whose post() throws before returning: INTERNAL, not_sent', async () => {
    const post = jest.fn(() => {
      throw new Error('not implemented');
    });
    const app = await appWith((b) => b.overrideProvider(ZIXFLOW_HTTP_SERVICE).useValue({ post }));
    try {
      const error = await rejectionOf(app.get(OrdersNotifier).shipped('919876543210'), ZixflowError);
      expect(error).toMatchObject({ code: 'INTERNAL', outcome: 'not_sent' });
    } finally {
      await app.close();
    }
  });

  it('an override with only request() (the HttpService contract) is called with the full config', async () => {
    const request = jest.fn((_config: unknown) => of({ data: QUEUED, status: 200 }));
    const app = await appWith((b) => b.overrideProvider(ZIXFLOW_HTTP_SERVICE).useValue({ request }));
    try {
      await app.get(OrdersNotifier).shipped('919876543210');
      expect(request.mock.calls[0][0]).toMatchObject({
        method: 'POST',
        url: SEND_PATH,
        baseURL: simulator.url,
      });
    } finally {
      await app.close();
    }
  });

  it("an app's own HttpService put in place of ZIXFLOW_HTTP_SERVICE reaches the API with the auth headers", async () => {
    const own = new HttpService(axios.create());
    const app = await appWith((b) => b.overrideProvider(ZIXFLOW_HTTP_SERVICE).useValue(own));
    try {
      await expect(app.get(OrdersNotifier).shipped('919876543210')).resolves.toMatchObject({
        requestId: expect.any(String),
      });
      expect(simulator.sends).toHaveLength(1);
      expect(simulator.requests[0].headers['x-api-key']).toBe(API_KEY);
    } finally {
      await app.close();
    }
  });
});
