import { Logger } from '@nestjs/common';
import { AdmittedPostback } from '../../../lib/postback/http/admitted-postback';
import type { PostbackProcessor } from '../../../lib/postback/processing/postback.processor';
import { getPostbackRequestState } from '../../../lib/postback/http/postback-request-state';
import { PostbackTokenSigner } from '../../../lib/postback/auth/postback-token.signer';
import { ZixflowPostbackHttpException } from '../../../lib/postback/http/zixflow-postback-http.exception';
import { ZixflowPostbackGuard } from '../../../lib/postback/http/zixflow-postback.guard';
import type { RawBodyState } from '../../../lib/postback/http/raw-body.inspector';
import * as losslessJson from '../../../lib/postback/parsing/json/lossless-json-object.parser';
import { DOCS_EXAMPLE_BODY, postbackBody } from '../postback-body.fixture';
import { SECRET, httpContext, inspectorIn, postbackConfig } from '../postback-context.fixture';
import { thrownBy } from '../../utils/thrown-by';

// The real parser, counted: compiled ES module exports cannot be redefined, so jest.spyOn cannot wrap it.
jest.mock('../../../lib/postback/parsing/json/lossless-json-object.parser', () => {
  const actual = jest.requireActual<typeof losslessJson>(
    '../../../lib/postback/parsing/json/lossless-json-object.parser',
  );
  return { ...actual, parseLosslessJson: jest.fn(actual.parseLosslessJson) };
});

const RECIPIENT = '919090909090';
const JSON_HEADERS = { 'content-type': 'application/json' };
const token = new PostbackTokenSigner(SECRET).sign(RECIPIENT);

interface FakeRequest {
  headers?: Record<string, string>;
  rawBody?: unknown;
  body?: unknown;
  originalUrl?: string;
  url?: string;
}

function refusal(guard: ZixflowPostbackGuard, request: FakeRequest): ZixflowPostbackHttpException {
  return thrownBy(() => guard.canActivate(httpContext(request)), ZixflowPostbackHttpException);
}

describe('ZixflowPostbackGuard', () => {
  // The guard only hands admitted postbacks on; what the processor does is tested on its own.
  const processor = {} as PostbackProcessor;
  const guard = (state: RawBodyState = 'enabled', overrides = {}) =>
    new ZixflowPostbackGuard(postbackConfig(overrides), inspectorIn(state), processor);
  const request = (body: string = DOCS_EXAMPLE_BODY, url = `/hook?zxf_token=${token}`): FakeRequest => ({
    headers: JSON_HEADERS,
    rawBody: Buffer.from(body),
    originalUrl: url,
  });

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it("admits a valid postback synchronously, storing its event and this app's processor", () => {
    const first = request();
    expect(guard().canActivate(httpContext(first))).toBe(true);
    const admitted = getPostbackRequestState(first);
    expect(admitted).toBeInstanceOf(AdmittedPostback);
    expect(admitted).toMatchObject({ claimed: false, event: { messageId: '604132581490819100' } });
    expect(admitted?.processor).toBe(processor);
    // The same body again is admitted too: de-duplication happens later, in the processor.
    const second = request();
    expect(guard().canActivate(httpContext(second))).toBe(true);
    expect(getPostbackRequestState(second)?.claimed).toBe(false);
  });

  it('reads the token from Fastify-style req.url when there is no originalUrl', () => {
    const fastifyRequest = {
      headers: JSON_HEADERS,
      rawBody: Buffer.from(DOCS_EXAMPLE_BODY),
      url: `/hook?zxf_token=${token}`,
    };
    expect(guard().canActivate(httpContext(fastifyRequest))).toBe(true);
  });

  it('never uses a parsed req.body: without rawBody it is 500 with the fix, not a lossy parse', () => {
    for (const state of ['disabled', 'unknown'] as const) {
      const error = refusal(guard(state), {
        headers: JSON_HEADERS,
        body: { message_id: 604132581490819100 },
        originalUrl: `/hook?zxf_token=${token}`,
      });
      expect(error.getStatus()).toBe(500);
      expect(error.getResponse()).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: expect.stringContaining('NestFactory.create(AppModule, { rawBody: true })'),
      });
    }
  });

  it('415 before anything else for a body not declared as UTF-8 JSON', () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/json; charset=latin1' },
    ]) {
      const error = refusal(guard('disabled'), { headers, originalUrl: '/hook' });
      expect(error.getStatus()).toBe(415);
    }
  });

  it('400 when rawBody is on but the request carried no JSON body', () => {
    expect(
      refusal(guard('enabled'), {
        headers: JSON_HEADERS,
        originalUrl: `/hook?zxf_token=${token}`,
      }).getStatus(),
    ).toBe(400);
  });

  it.each<[string, FakeRequest, number, RegExp]>([
    [
      'oversized',
      { headers: JSON_HEADERS, rawBody: Buffer.alloc(70_000, 0x20), originalUrl: `/h?zxf_token=${token}` },
      413,
      /larger than/,
    ],
    [
      'not JSON',
      { headers: JSON_HEADERS, rawBody: Buffer.from('nope'), originalUrl: `/h?zxf_token=${token}` },
      400,
      /not valid JSON/,
    ],
    [
      'no token',
      { headers: JSON_HEADERS, rawBody: Buffer.from(DOCS_EXAMPLE_BODY), originalUrl: '/h' },
      401,
      /missing/,
    ],
    [
      'bad token',
      {
        headers: JSON_HEADERS,
        rawBody: Buffer.from(DOCS_EXAMPLE_BODY),
        originalUrl: '/h?zxf_token=v2.x.y.z',
      },
      401,
      /malformed/,
    ],
    [
      'other workspace',
      {
        headers: JSON_HEADERS,
        rawBody: Buffer.from(postbackBody({ workspace_id: '"x"' })),
        originalUrl: `/h?zxf_token=${token}`,
      },
      403,
      /workspace_id/,
    ],
  ])('%s -> %i', (_label, req, status, message) => {
    const error = refusal(guard(), req);
    expect(error.getStatus()).toBe(status);
    expect(error.reason).toMatch(message);
    expect(getPostbackRequestState(req)).toBeUndefined();
  });

  it('401 for a missing or malformed token before the body is read: no schema detail to strangers', () => {
    for (const url of ['/h', '/h?zxf_token=junk']) {
      for (const rawBody of [Buffer.from('{"status_at":"yesterday"}'), undefined]) {
        const error = refusal(guard(), { headers: JSON_HEADERS, rawBody, originalUrl: url });
        expect(error.getStatus()).toBe(401);
        expect(error.reason).not.toMatch(/status_at|workspace_id|body/);
      }
    }
  });

  it('fails closed when verification is on and no secret is configured', () => {
    const error = refusal(guard('enabled', { signer: undefined }), request());
    expect(error.getStatus()).toBe(401);
  });

  it.each([
    [true, false, 1],
    [false, true, 3],
  ])(
    'tokenCache: %s (layoutFastPath: %s) checks one token by HMAC %i time(s) in 3 postbacks, admitting all',
    (tokenCache, layoutFastPath, hmacs) => {
      const signer = new PostbackTokenSigner(SECRET);
      const verify = jest.spyOn(signer, 'verify');
      const g = guard('enabled', { tokenCache, layoutFastPath, signer });
      for (let i = 0; i < 3; i++) expect(g.canActivate(httpContext(request()))).toBe(true);
      expect(verify).toHaveBeenCalledTimes(hmacs);
    },
  );

  it.each([
    [true, false, 0],
    [false, true, 3],
  ])(
    'layoutFastPath: %s (tokenCache: %s) parses 3 documented bodies by lossless-json %i time(s)',
    (layoutFastPath, tokenCache, parses) => {
      const parse = jest.mocked(losslessJson.parseLosslessJson);
      parse.mockClear();
      const g = guard('enabled', { layoutFastPath, tokenCache });
      for (let i = 0; i < 3; i++) expect(g.canActivate(httpContext(request()))).toBe(true);
      expect(parse).toHaveBeenCalledTimes(parses);
    },
  );

  it('verify: false skips the token but not the workspace', () => {
    const lax = guard('enabled', { verify: false, signer: undefined });
    expect(lax.canActivate(httpContext(request(DOCS_EXAMPLE_BODY, '/hook')))).toBe(true);
    const error = refusal(lax, request(postbackBody({ workspace_id: '"x"' }), '/hook'));
    expect(error.getStatus()).toBe(403);
  });

  it('a token verified once for a recipient still refuses any other recipient', () => {
    const g = guard();
    expect(g.canActivate(httpContext(request()))).toBe(true);
    const other = request(postbackBody({ recipient: '"919111111111"' }));
    expect(refusal(g, other).getStatus()).toBe(401);
    expect(g.canActivate(httpContext(request()))).toBe(true);
  });
});
