import { Logger } from '@nestjs/common';
import { InMemoryPostbackDedupStore } from '../../lib/postback/dedup/in-memory-dedup.store';
import type { PostbackDedupStore } from '../../lib/postback/dedup/postback-dedup-store.interface';
import { getPostbackRequestState } from '../../lib/postback/postback-request-state';
import { PostbackTokenSigner } from '../../lib/postback/postback-token.signer';
import { ZixflowPostbackHttpException } from '../../lib/postback/zixflow-postback-http.exception';
import { ZixflowPostbackGuard } from '../../lib/postback/zixflow-postback.guard';
import type { RawBodyState } from '../../lib/postback/raw-body.inspector';
import { DOCS_EXAMPLE_BODY, postbackBody } from './postback-body.fixture';
import { SECRET, httpContext, inspectorIn, postbackConfig } from './postback-context.fixture';

const RECIPIENT = '919090909090';
const token = new PostbackTokenSigner(SECRET).sign(RECIPIENT);

interface FakeRequest {
  rawBody?: unknown;
  body?: unknown;
  originalUrl?: string;
  url?: string;
}

async function refusal(
  guard: ZixflowPostbackGuard,
  request: FakeRequest,
): Promise<ZixflowPostbackHttpException> {
  const error = await guard.canActivate(httpContext(request)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ZixflowPostbackHttpException);
  return error as ZixflowPostbackHttpException;
}

describe('ZixflowPostbackGuard', () => {
  let store: InMemoryPostbackDedupStore;
  const guard = (state: RawBodyState = 'enabled', s: PostbackDedupStore = store, overrides = {}) =>
    new ZixflowPostbackGuard(postbackConfig(overrides), s, inspectorIn(state));
  const request = (body: string = DOCS_EXAMPLE_BODY, url = `/hook?zxf_token=${token}`): FakeRequest => ({
    rawBody: Buffer.from(body),
    originalUrl: url,
  });

  beforeEach(() => {
    store = new InMemoryPostbackDedupStore();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('stores the event and marks the first copy new, the second a duplicate', async () => {
    const first = request();
    await expect(guard().canActivate(httpContext(first))).resolves.toBe(true);
    expect(getPostbackRequestState(first)).toMatchObject({
      duplicate: false,
      event: { messageId: '604132581490819100' },
    });
    const second = request();
    await guard().canActivate(httpContext(second));
    expect(getPostbackRequestState(second)?.duplicate).toBe(true);
  });

  it('reads the token from Fastify-style req.url when there is no originalUrl', async () => {
    const fastifyRequest = { rawBody: Buffer.from(DOCS_EXAMPLE_BODY), url: `/hook?zxf_token=${token}` };
    await expect(guard().canActivate(httpContext(fastifyRequest))).resolves.toBe(true);
  });

  it('never uses a parsed req.body: without rawBody it is 500 with the fix, not a lossy parse', async () => {
    for (const state of ['disabled', 'unknown'] as const) {
      const error = await refusal(guard(state), {
        body: { message_id: 604132581490819100 },
        originalUrl: '/hook',
      });
      expect(error.getStatus()).toBe(500);
      expect(error.getResponse()).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: expect.stringContaining('NestFactory.create(AppModule, { rawBody: true })'),
      });
    }
  });

  it('400 when rawBody is on but the request carried no JSON body', async () => {
    expect((await refusal(guard('enabled'), { originalUrl: '/hook' })).getStatus()).toBe(400);
  });

  it.each<[string, FakeRequest, number, RegExp]>([
    [
      'oversized',
      { rawBody: Buffer.alloc(70_000, 0x20), originalUrl: `/h?zxf_token=${token}` },
      413,
      /larger than/,
    ],
    [
      'not JSON',
      { rawBody: Buffer.from('nope'), originalUrl: `/h?zxf_token=${token}` },
      400,
      /not valid JSON/,
    ],
    ['no token', { rawBody: Buffer.from(DOCS_EXAMPLE_BODY), originalUrl: '/h' }, 401, /missing/],
    [
      'bad token',
      { rawBody: Buffer.from(DOCS_EXAMPLE_BODY), originalUrl: '/h?zxf_token=v1.x.y' },
      401,
      /malformed/,
    ],
    [
      'other workspace',
      { rawBody: Buffer.from(postbackBody({ workspace_id: '"x"' })), originalUrl: `/h?zxf_token=${token}` },
      403,
      /workspace_id/,
    ],
  ])('%s -> %i', async (_label, req, status, message) => {
    const error = await refusal(guard(), req);
    expect(error.getStatus()).toBe(status);
    expect(error.reason).toMatch(message);
    expect(getPostbackRequestState(req)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('fails closed when verification is on and no secret is configured', async () => {
    const error = await refusal(guard('enabled', store, { signer: undefined }), request());
    expect(error.getStatus()).toBe(401);
  });

  it('verify: false skips the token but not the workspace', async () => {
    const lax = guard('enabled', store, { verify: false, signer: undefined });
    await expect(lax.canActivate(httpContext(request(DOCS_EXAMPLE_BODY, '/hook')))).resolves.toBe(true);
    const error = await refusal(lax, request(postbackBody({ workspace_id: '"x"' }), '/hook'));
    expect(error.getStatus()).toBe(403);
  });

  it('a failing dedup store is a 500 (retry later), not a crash', async () => {
    const broken: PostbackDedupStore = {
      markIfNew: () => Promise.reject(new Error('redis down')),
      forget: () => Promise.resolve(),
    };
    expect((await refusal(guard('enabled', broken), request())).getStatus()).toBe(500);
  });
});
