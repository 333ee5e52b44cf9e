import { ZixflowSimulator } from '../../lib/testing/zixflow-simulator';
import { DELIVERY_REPORT_PATH, SEND_SMS_PATH } from '../../lib/zixflow.constants';
import { call, parse } from './http-client';
import { API_KEY, AUTH, postJson, VALID_SEND, WORKSPACE } from './simulator-fixtures';

const STATUS_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;

interface Report {
  success: boolean;
  message: string;
  data: Record<string, unknown>;
}

describe('ZixflowSimulator delivery report', () => {
  let simulator: ZixflowSimulator;
  const report = (query: string) =>
    call(`${simulator.url}${DELIVERY_REPORT_PATH}${query}`, { headers: AUTH });

  beforeAll(async () => {
    simulator = await new ZixflowSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE }).start();
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  it('reports queued, then delivered, without any post_back_url', async () => {
    simulator.setPostbackScenario('*', { delayMs: 150 });
    const sent = await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND);
    const requestId = parse<{ request_id: string }>(sent).request_id;

    const queued = await report(`?request_id=${requestId}`);
    expect(queued.status).toBe(200);
    const queuedBody = parse<Report>(queued);
    expect(queuedBody).toEqual({
      success: true,
      message: 'Delivery report fetched successfully',
      data: {
        channel: 'sms',
        message_id: expect.stringMatching(/^\d+$/),
        recipient: VALID_SEND.recipient,
        request_id: requestId,
        status: 'queued',
        statusAt: expect.stringMatching(STATUS_AT),
        remark: '',
        workspace_id: WORKSPACE,
      },
    });
    expect(BigInt(queuedBody.data.message_id as string) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);

    await simulator.flushPostbacks();
    const delivered = parse<Report>(await report(`?request_id=${requestId}`));
    expect(delivered.data).toMatchObject({ status: 'delivered', message_id: queuedBody.data.message_id });
    expect((delivered.data.statusAt as string) > (queuedBody.data.statusAt as string)).toBe(true);
    expect(simulator.postbacks).toEqual([]);
  });

  it('reports the latest status and remark of a multi-step scenario', async () => {
    simulator.setPostbackScenario(VALID_SEND.recipient, {
      statuses: ['sent', { status: 'failed', remark: 'Number unreachable' }],
      delayMs: 0,
      channel: 'sms',
    });
    const requestId = parse<{ request_id: string }>(
      await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND),
    ).request_id;
    await simulator.flushPostbacks();
    expect(parse<Report>(await report(`?request_id=${requestId}`)).data).toMatchObject({
      status: 'failed',
      remark: 'Number unreachable',
    });
  });

  it('answers 404 for an unknown request id', async () => {
    const response = await report('?request_id=does-not-exist');
    expect(response.status).toBe(404);
    expect(parse(response)).toEqual({ success: false, message: expect.any(String) });
  });

  it.each(['', '?request_id=', '?other=1'])('answers 400 when request_id is missing (%p)', async (query) => {
    const response = await report(query);
    expect(response.status).toBe(400);
    expect(parse(response)).toEqual({ success: false, message: 'request_id: is required' });
  });

  it('forgets messages on reset()', async () => {
    const requestId = parse<{ request_id: string }>(
      await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND),
    ).request_id;
    simulator.reset();
    expect((await report(`?request_id=${requestId}`)).status).toBe(404);
  });
});
