import http from 'node:http';
import { gzipSync } from 'node:zlib';
import axios, {
  AxiosError,
  AxiosHeaders,
  isCancel,
  type AxiosInstance,
  type CreateAxiosDefaults,
} from 'axios';
import {
  createUndiciAdapter,
  REQUEST_SENT,
  wasRequestSent,
  type UndiciAdapter,
} from '../../lib/transport/undici.adapter';
import type { RequestSentMarked } from '../../lib/transport/request-sent';
import {
  readBody,
  sendJson,
  startHttpServer,
  startTcpServer,
  type LoopbackServer,
} from './helpers/loopback-server';
import { freePort } from '../utils/free-port';
import { rejectionOf } from '../utils/thrown-by';

const SEND_PATH = '/api/ingest/sms/v1/message/send';
const SEND_BODY = { recipient: '919876543210', message: 'hi', sender_id: 'ZIXFLW', route: 'transactional' };
const QUEUED = {
  success: true,
  message: 'SMS request queued successfully',
  request_id: '65ca1d21-8854-4d39-a0bd-64f1cd7b8db1',
};

describe('createUndiciAdapter', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  function adapter(opts?: Parameters<typeof createUndiciAdapter>[0]): UndiciAdapter {
    const created = createUndiciAdapter(opts);
    cleanups.push(() => created.close());
    return created;
  }

  async function server(handler: http.RequestListener): Promise<LoopbackServer> {
    const started = await startHttpServer(handler);
    cleanups.push(() => started.close());
    return started;
  }

  function client(baseURL: string, extra: CreateAxiosDefaults = {}, undici = adapter()): AxiosInstance {
    return axios.create({ baseURL, adapter: undici.adapter, ...extra });
  }

  /** Echoes method, url, headers and JSON body back as the send response. */
  const echo: http.RequestListener = async (req, res) => {
    const raw = await readBody(req);
    sendJson(res, 200, {
      ...QUEUED,
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: raw ? JSON.parse(raw) : null,
    });
  };

  it('round-trips JSON: body serialized by transformRequest, response parsed by transformResponse', async () => {
    const srv = await server(echo);
    const response = await client(srv.url).post(SEND_PATH, SEND_BODY, {
      headers: { 'x-api-key': 'k', 'x-workspace-id': 'w' },
    });

    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(response.data).toMatchObject({
      success: true,
      request_id: QUEUED.request_id,
      method: 'POST',
      url: SEND_PATH,
      body: SEND_BODY,
    });
    expect(response.data.headers).toMatchObject({
      'content-type': 'application/json',
      'x-api-key': 'k',
      'x-workspace-id': 'w',
      'content-length': String(Buffer.byteLength(JSON.stringify(SEND_BODY))),
    });
    expect(response.data.headers['user-agent']).toMatch(/^axios\//);
    expect(response.headers).toBeInstanceOf(AxiosHeaders);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.request).toMatchObject({ adapter: 'undici', method: 'POST', path: SEND_PATH });
  });

  it('joins baseURL and url, and serializes params like axios', async () => {
    const srv = await server(echo);
    const response = await client(`${srv.url}/api/`).get('/data/messages/v1/delivery-report', {
      params: { request_id: 'a b&c' },
    });
    expect(response.data.url).toBe('/api/data/messages/v1/delivery-report?request_id=a+b%26c');
    expect(response.data.body).toBeNull();
  });

  it('runs request and response interceptors around the adapter', async () => {
    const srv = await server(echo);
    const ax = client(srv.url);
    ax.interceptors.request.use((config) => {
      config.headers.set('x-trace', 'abc');
      return config;
    });
    ax.interceptors.response.use((response) => ({
      ...response,
      data: { ...response.data, intercepted: true },
    }));

    const response = await ax.post(SEND_PATH, SEND_BODY);
    expect(response.data.headers['x-trace']).toBe('abc');
    expect(response.data.intercepted).toBe(true);
  });

  it('rejects non-2xx with an AxiosError carrying the parsed response, marked as sent', async () => {
    const srv = await server(async (req, res) => {
      await readBody(req);
      if (req.url === '/bad') sendJson(res, 400, { success: false, message: 'invalid recipient' });
      else sendJson(res, 503, { success: false, message: 'down' }, { 'retry-after': '3' });
    });
    const ax = client(srv.url);

    const bad = await rejectionOf(ax.post('/bad', SEND_BODY), AxiosError);
    expect(bad).toBeInstanceOf(AxiosError);
    expect(bad.code).toBe(AxiosError.ERR_BAD_REQUEST);
    expect(bad.message).toBe('Request failed with status code 400');
    expect(bad.response?.status).toBe(400);
    expect(bad.response?.data).toEqual({ success: false, message: 'invalid recipient' });
    expect(wasRequestSent(bad)).toBe(true);

    const down = await rejectionOf(ax.post('/down', SEND_BODY), AxiosError);
    expect(down.code).toBe(AxiosError.ERR_BAD_RESPONSE);
    expect(down.response?.status).toBe(503);
    expect(down.response?.headers['retry-after']).toBe('3');
  });

  it('honours validateStatus', async () => {
    const srv = await server((_req, res) => sendJson(res, 404, { success: false }));
    const response = await client(srv.url, { validateStatus: () => true }).get('/x');
    expect(response.status).toBe(404);
  });

  it('times out after the server read the whole body: ECONNABORTED, REQUEST_SENT true', async () => {
    let received = '';
    const srv = await server(async (req) => {
      received = await readBody(req); // and never answer
    });
    // Room enough for the body to arrive on a busy machine before the timeout fires.
    const error = await rejectionOf(
      client(srv.url).post(SEND_PATH, SEND_BODY, { timeout: 1000 }),
      AxiosError,
    );

    expect(error.code).toBe('ECONNABORTED');
    expect(error.message).toBe('timeout of 1000ms exceeded');
    expect(error.request).toBeDefined();
    expect((error as RequestSentMarked)[REQUEST_SENT]).toBe(true);
    expect(wasRequestSent(error)).toBe(true);
    expect(JSON.parse(received)).toEqual(SEND_BODY);
  });

  it('uses ETIMEDOUT and timeoutErrorMessage like axios', async () => {
    const srv = await server(() => undefined);
    const error = await rejectionOf(
      client(srv.url).get('/', {
        timeout: 100,
        timeoutErrorMessage: 'too slow',
        transitional: { clarifyTimeoutError: true },
      }),
      AxiosError,
    );
    expect(error.code).toBe('ETIMEDOUT');
    expect(error.message).toBe('too slow');
  });

  it('times out while queued behind a busy pool: REQUEST_SENT false, and the request is never written', async () => {
    const seen: string[] = [];
    let releaseFirst: (() => void) | undefined;
    let firstArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
    const srv = await server(async (req, res) => {
      const { n } = JSON.parse(await readBody(req)) as { n: string };
      seen.push(n);
      if (n === 'first') {
        releaseFirst = () => sendJson(res, 200, QUEUED);
        firstArrived();
      } else sendJson(res, 200, QUEUED);
    });
    const ax = client(srv.url, {}, adapter({ connections: 1 }));

    const first = ax.post(SEND_PATH, { n: 'first' });
    // Only once the first request holds the one connection is the second one sure to wait in the queue.
    await arrived;
    const second = await rejectionOf(ax.post(SEND_PATH, { n: 'second' }, { timeout: 100 }), AxiosError);
    expect(second.code).toBe('ECONNABORTED');
    expect(wasRequestSent(second)).toBe(false);

    releaseFirst!();
    await first;
    // The socket frees up; the abandoned request must be dropped, not written.
    await ax.post(SEND_PATH, { n: 'third' });
    expect(seen).toEqual(['first', 'third']);
  });

  it('connection refused: REQUEST_SENT false', async () => {
    const port = await freePort();
    const error = await rejectionOf(
      client(`http://127.0.0.1:${port}`).post(SEND_PATH, SEND_BODY),
      AxiosError,
    );
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.response).toBeUndefined();
    expect(error.request).toBeDefined();
    expect(wasRequestSent(error)).toBe(false);
  });

  it('peer resets the connection on accept: reported as a connect error, REQUEST_SENT false', async () => {
    const tcp = await startTcpServer((socket) => socket.resetAndDestroy());
    cleanups.push(() => tcp.close());
    const error = await rejectionOf(client(tcp.url).post(SEND_PATH, SEND_BODY), AxiosError);
    // The RST beats the client's connect callback, so undici never hands the socket the request.
    expect(error.code).toBe('ECONNRESET');
    expect(wasRequestSent(error)).toBe(false);
  });

  it('peer closes right after accepting, without reading: REQUEST_SENT true (not provable either way)', async () => {
    // The handshake completes in the kernel, undici writes the request into the socket, then sees the FIN.
    // Whether the peer read those bytes cannot be told from the client, so the outcome is unknown.
    const tcp = await startTcpServer((socket) => socket.destroy());
    cleanups.push(() => tcp.close());
    const error = await rejectionOf(client(tcp.url).post(SEND_PATH, SEND_BODY), AxiosError);
    expect(error.code).toBe('UND_ERR_SOCKET');
    expect(wasRequestSent(error)).toBe(true);
  });

  it('peer reads the full body then hangs up: REQUEST_SENT true', async () => {
    const payload = JSON.stringify(SEND_BODY);
    let bytes = '';
    const tcp = await startTcpServer((socket) => {
      socket.on('data', (chunk: Buffer) => {
        bytes += chunk.toString('utf8');
        if (bytes.endsWith(payload)) socket.destroy();
      });
    });
    cleanups.push(() => tcp.close());
    const error = await rejectionOf(client(tcp.url).post(SEND_PATH, SEND_BODY), AxiosError);
    expect(bytes.endsWith(payload)).toBe(true);
    expect(error.code).toBe('UND_ERR_SOCKET');
    expect(error.response).toBeUndefined();
    expect(wasRequestSent(error)).toBe(true);
  });

  describe('AbortSignal', () => {
    it('already aborted: CanceledError, never reaches the server (axios itself refuses)', async () => {
      const srv = await server(echo);
      const error = await rejectionOf(
        client(srv.url).post(SEND_PATH, SEND_BODY, { signal: AbortSignal.abort() }),
        AxiosError,
      );
      expect(isCancel(error)).toBe(true);
      expect(srv.connections()).toBe(0);
    });

    it('already aborted, adapter called directly: CanceledError marked not sent', async () => {
      const undici = adapter();
      const config = {
        url: 'http://127.0.0.1:9/',
        method: 'get',
        headers: new AxiosHeaders(),
        signal: AbortSignal.abort(),
      };
      const error = await rejectionOf(undici.adapter(config), AxiosError);
      expect(isCancel(error)).toBe(true);
      expect(wasRequestSent(error)).toBe(false);
    });

    it('aborted while queued for a socket: CanceledError, REQUEST_SENT false', async () => {
      const stalled: http.ServerResponse[] = [];
      let firstArrived: () => void = () => undefined;
      const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
      const srv = await server(async (req, res) => {
        await readBody(req);
        stalled.push(res);
        firstArrived();
      });
      const ax = client(srv.url, {}, adapter({ connections: 1 }));
      const first = ax.post(SEND_PATH, SEND_BODY);
      const controller = new AbortController();
      const second = rejectionOf(ax.post(SEND_PATH, SEND_BODY, { signal: controller.signal }), AxiosError);
      // Abort once the first request holds the one connection, so the second is surely still queued.
      await arrived;
      controller.abort();
      const error = await second;
      expect(isCancel(error)).toBe(true);
      expect(wasRequestSent(error)).toBe(false);
      stalled[0].end('{}');
      await first;
    });

    it('aborted after the request was written: CanceledError, REQUEST_SENT true', async () => {
      const controller = new AbortController();
      const srv = await server(async (req) => {
        await readBody(req);
        controller.abort(); // the server has the whole request, then the caller gives up
      });
      const error = await rejectionOf(
        client(srv.url).post(SEND_PATH, SEND_BODY, { signal: controller.signal }),
        AxiosError,
      );
      expect(isCancel(error)).toBe(true);
      expect(wasRequestSent(error)).toBe(true);
    });
  });

  describe('response handling', () => {
    it('responseType text and arraybuffer', async () => {
      const srv = await server((_req, res) => sendJson(res, 200, QUEUED));
      const ax = client(srv.url);
      const text = await ax.get('/', { responseType: 'text', transformResponse: (d: unknown) => d });
      expect(text.data).toBe(JSON.stringify(QUEUED));
      const bin = await ax.get('/', { responseType: 'arraybuffer' });
      expect(Buffer.isBuffer(bin.data)).toBe(true);
      expect(JSON.parse(bin.data.toString('utf8'))).toEqual(QUEUED);
    });

    it('decompresses gzip and drops content-encoding', async () => {
      const srv = await server((_req, res) => {
        const body = gzipSync(JSON.stringify(QUEUED));
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(body);
      });
      const response = await client(srv.url).get('/');
      expect(response.data).toEqual(QUEUED);
      expect(response.headers['content-encoding']).toBeUndefined();
    });

    it('enforces maxContentLength (declared and streamed) with ERR_BAD_RESPONSE', async () => {
      const big = 'x'.repeat(10_000);
      const srv = await server((req, res) => {
        if (req.url === '/declared') {
          res.writeHead(200, { 'content-length': big.length });
          res.end(big);
        } else {
          res.writeHead(200); // chunked, no length
          res.write(big.slice(0, 5000));
          res.end(big.slice(5000));
        }
      });
      const ax = client(srv.url, { maxContentLength: 1000 });
      for (const path of ['/declared', '/chunked']) {
        const error = await rejectionOf(ax.get(path), AxiosError);
        expect(error.code).toBe(AxiosError.ERR_BAD_RESPONSE);
        expect(error.message).toBe('maxContentLength size of 1000 exceeded');
        expect(wasRequestSent(error)).toBe(true);
      }
    });

    it('caps a gzip bomb by maxContentLength', async () => {
      const srv = await server((_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(gzipSync(Buffer.alloc(1_000_000)));
      });
      const error = await rejectionOf(client(srv.url, { maxContentLength: 50_000 }).get('/'), AxiosError);
      expect(error.message).toBe('maxContentLength size of 50000 exceeded');
    });

    it('keeps repeated set-cookie as a list', async () => {
      const srv = await server((_req, res) => {
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        sendJson(res, 200, QUEUED);
      });
      const response = await client(srv.url).get('/');
      expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    });

    it('rejects maxBodyLength before sending', async () => {
      const srv = await server(echo);
      const error = await rejectionOf(
        client(srv.url, { maxBodyLength: 10 }).post('/', SEND_BODY),
        AxiosError,
      );
      expect(error.code).toBe(AxiosError.ERR_BAD_REQUEST);
      expect(wasRequestSent(error)).toBe(false);
      expect(srv.connections()).toBe(0);
    });

    it('sends basic auth from config.auth', async () => {
      const srv = await server(echo);
      const response = await client(srv.url).get('/', { auth: { username: 'u', password: 'p' } });
      expect(response.data.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    });
  });

  describe('fallback to axios http adapter', () => {
    it('routes through the configured proxy (undici cannot honour it)', async () => {
      const proxied: string[] = [];
      const proxy = await server((req, res) => {
        proxied.push(req.url ?? '');
        sendJson(res, 200, { via: 'proxy' });
      });
      const target = `http://127.0.0.1:${await freePort()}`;
      const response = await client(target, {
        proxy: { protocol: 'http', host: '127.0.0.1', port: proxy.port },
      }).get('/x');
      expect(response.data).toEqual({ via: 'proxy' });
      expect(proxied).toEqual([`${target}/x`]);
      expect((response.request as { adapter?: string }).adapter).toBeUndefined();
    });

    it('uses a given httpAgent', async () => {
      const srv = await server(echo);
      const agent = new http.Agent({ keepAlive: false });
      const createConnection = jest.spyOn(agent, 'createConnection');
      await client(srv.url, { httpAgent: agent }).get('/');
      expect(createConnection).toHaveBeenCalled();
      agent.destroy();
    });

    it('marks refused connections as not sent on the fallback path too', async () => {
      const port = await freePort();
      const error = await rejectionOf(
        client(`http://127.0.0.1:${port}`, { httpAgent: new http.Agent() }).get('/'),
        AxiosError,
      );
      expect(error.code).toBe('ECONNREFUSED');
      expect(wasRequestSent(error)).toBe(false);
    });
  });

  it('reuses keep-alive connections for sequential requests', async () => {
    const srv = await server(echo);
    const ax = client(srv.url);
    for (let i = 0; i < 50; i++) await ax.post(SEND_PATH, SEND_BODY);
    expect(srv.connections()).toBeLessThanOrEqual(2);
  });

  it('close() waits for in-flight requests, then refuses new ones as not sent', async () => {
    const srv = await server(echo);
    const undici = createUndiciAdapter();
    const ax = client(srv.url, {}, undici);
    const inFlight = ax.post(SEND_PATH, SEND_BODY);
    const closing = undici.close();
    await expect(inFlight).resolves.toMatchObject({ status: 200 });
    await closing;
    const error = await rejectionOf(ax.post(SEND_PATH, SEND_BODY), AxiosError);
    expect(wasRequestSent(error)).toBe(false);
  });
});
