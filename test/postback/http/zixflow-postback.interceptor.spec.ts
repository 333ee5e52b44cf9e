import { lastValueFrom } from 'rxjs';
import { AdmittedPostback } from '../../../lib/postback/http/admitted-postback';
import { parsePostbackPayload } from '../../../lib/postback/parsing/postback-payload.parser';
import type { PostbackProcessor } from '../../../lib/postback/processing/postback.processor';
import { setPostbackRequestState } from '../../../lib/postback/http/postback-request-state';
import { ZixflowPostbackInterceptor } from '../../../lib/postback/http/zixflow-postback.interceptor';
import { DOCS_EXAMPLE_BODY } from '../postback-body.fixture';
import { handlerRunning, httpContext } from '../postback-context.fixture';

const event = parsePostbackPayload(DOCS_EXAMPLE_BODY);

/** For routes composed by hand; @ZixflowPostback() does the same in a wrapper around the method. */
describe('ZixflowPostbackInterceptor', () => {
  let process: jest.Mock;
  const requestWith = (admitted: AdmittedPostback): object => {
    const request = {};
    setPostbackRequestState(request, admitted);
    return request;
  };
  const admitted = () => new AdmittedPostback(event, { process } as unknown as PostbackProcessor);

  beforeEach(() => {
    // Runs the handler the way PostbackProcessor does for a new postback.
    process = jest.fn((_event: unknown, handle: () => unknown) => Promise.resolve(handle()));
  });

  it("hands the postback and the route's handler to the processor, once", async () => {
    const handler = handlerRunning(() => 'ok');
    const state = admitted();
    await expect(
      lastValueFrom(new ZixflowPostbackInterceptor().intercept(httpContext(requestWith(state)), handler)),
    ).resolves.toBe('ok');
    // The third argument is when the token was issued (telemetry's send-to-status time); none here.
    expect(process).toHaveBeenCalledWith(event, expect.any(Function), undefined);
    expect(handler.calls).toBe(1);
    expect(state.claimed).toBe(true);
  });

  it('answers with undefined when the processor skips the handler (a duplicate)', async () => {
    process.mockResolvedValue(undefined);
    const handler = handlerRunning(() => 'ok');
    await expect(
      lastValueFrom(
        new ZixflowPostbackInterceptor().intercept(httpContext(requestWith(admitted())), handler),
      ),
    ).resolves.toBeUndefined();
    expect(handler.calls).toBe(0);
  });

  it('passes through when the guard did not admit the request, or it is already being processed', async () => {
    const handler = handlerRunning(() => 'plain');
    const interceptor = new ZixflowPostbackInterceptor();
    await expect(lastValueFrom(interceptor.intercept(httpContext({}), handler))).resolves.toBe('plain');
    const claimed = admitted();
    claimed.claimed = true;
    await expect(
      lastValueFrom(interceptor.intercept(httpContext(requestWith(claimed)), handler)),
    ).resolves.toBe('plain');
    expect(process).not.toHaveBeenCalled();
  });
});
