import { ZixflowSimulator } from '../../lib/testing/zixflow-simulator';
import {
  API_KEY_HEADER,
  DELIVERY_REPORT_PATH,
  SEND_SMS_PATH,
  SEND_SMS_TEMPLATE_PATH,
  WORKSPACE_HEADER,
} from '../../lib/zixflow.constants';
import { call, parse } from './http-client';
import { API_KEY, AUTH, postJson, VALID_SEND, VALID_TEMPLATE, WORKSPACE } from './simulator-fixtures';

describe('ZixflowSimulator authentication', () => {
  let simulator: ZixflowSimulator;

  beforeAll(async () => {
    simulator = await new ZixflowSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE }).start();
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  const badHeaders: Array<[string, Record<string, string>]> = [
    ['no headers', {}],
    ['missing api key', { [WORKSPACE_HEADER]: WORKSPACE }],
    ['missing workspace', { [API_KEY_HEADER]: API_KEY }],
    ['wrong api key', { ...AUTH, [API_KEY_HEADER]: 'sim-key-124' }],
    ['api key with different length', { ...AUTH, [API_KEY_HEADER]: `${API_KEY}x` }],
    ['wrong workspace', { ...AUTH, [WORKSPACE_HEADER]: 'ws-43' }],
    ['empty api key', { ...AUTH, [API_KEY_HEADER]: '' }],
  ];

  it.each(badHeaders)('answers 401 on the send endpoint with %s', async (_name, headers) => {
    const response = await postJson(`${simulator.url}${SEND_SMS_PATH}`, VALID_SEND, headers);
    expect(response.status).toBe(401);
    expect(parse(response)).toEqual({ success: false, message: 'Invalid API key or workspace' });
    expect(response.text).not.toContain(API_KEY);
    expect(simulator.sends).toHaveLength(0);
    expect(simulator.messages).toHaveLength(0);
  });

  it.each(badHeaders)('answers 401 on the template endpoint with %s', async (_name, headers) => {
    const response = await postJson(`${simulator.url}${SEND_SMS_TEMPLATE_PATH}`, VALID_TEMPLATE, headers);
    expect(response.status).toBe(401);
  });

  it.each(badHeaders)('answers 401 on the delivery report with %s', async (_name, headers) => {
    const response = await call(`${simulator.url}${DELIVERY_REPORT_PATH}?request_id=x`, { headers });
    expect(response.status).toBe(401);
    expect(parse(response)).toEqual({ success: false, message: 'Invalid API key or workspace' });
  });

  it('checks authentication before the body', async () => {
    const response = await postJson(`${simulator.url}${SEND_SMS_PATH}`, 'not json', {});
    expect(response.status).toBe(401);
  });

  it('accepts the right credentials and defaults to test-api-key / test-workspace', async () => {
    const defaults = await new ZixflowSimulator().start();
    try {
      expect(defaults.apiKey).toBe('test-api-key');
      expect(defaults.workspaceId).toBe('test-workspace');
      const ok = await postJson(`${defaults.url}${SEND_SMS_PATH}`, VALID_SEND, {
        [API_KEY_HEADER]: 'test-api-key',
        [WORKSPACE_HEADER]: 'test-workspace',
      });
      expect(ok.status).toBe(200);
    } finally {
      await defaults.stop();
    }
  });
});
