import { ZixflowSimulator } from '../../lib/testing/zixflow-simulator';
import { SEND_SMS_PATH, SEND_SMS_TEMPLATE_PATH } from '../../lib/zixflow.constants';
import { parse } from './http-client';
import { API_KEY, postJson, VALID_SEND, VALID_TEMPLATE, WORKSPACE } from './simulator-fixtures';

type Case = [string, Record<string, unknown>, string | null];

/** `null` expectation: accepted (200). Otherwise the 400 message must start with the given text. */
const messageCases: Case[] = [
  ['valid minimal body', {}, null],
  ['recipient missing', { recipient: undefined }, 'recipient: is required'],
  ['recipient as number', { recipient: 919876543210 }, 'recipient: must be a string'],
  ['recipient with +', { recipient: '+919876543210' }, 'recipient: must be 8 to 15 digits'],
  ['recipient with spaces', { recipient: '91 98765 43210' }, 'recipient: must be 8 to 15 digits'],
  ['recipient too short', { recipient: '1234567' }, 'recipient: must be 8 to 15 digits'],
  ['recipient of 8 digits', { recipient: '12345678' }, null],
  ['recipient of 15 digits', { recipient: '123456789012345' }, null],
  ['recipient too long', { recipient: '1234567890123456' }, 'recipient: must be 8 to 15 digits'],
  ['recipient null', { recipient: null }, 'recipient: must be a string'],
  ['message missing', { message: undefined }, 'message: is required'],
  ['message empty', { message: '' }, 'message: must not be empty'],
  ['message as object', { message: { text: 'x' } }, 'message: must be a string'],
  ['unicode message', { message: 'नमस्ते 👋' }, null],
  ['sender_id missing', { sender_id: undefined }, 'sender_id: is required'],
  ['sender_id as number', { sender_id: 123456 }, 'sender_id: must be a string'],
  ['route missing', { route: undefined }, 'route: is required'],
  ['route unknown', { route: 'marketing' }, 'route: must be one of promotional, transactional, otp'],
  ['route upper case', { route: 'OTP' }, 'route: must be one of'],
  ['route promotional', { route: 'promotional' }, null],
  ['route otp', { route: 'otp' }, null],
  ['is_flash true', { is_flash: true }, null],
  ['is_flash false', { is_flash: false }, null],
  ['is_flash as string', { is_flash: 'true' }, 'is_flash: must be a boolean'],
  ['is_flash as number', { is_flash: 1 }, 'is_flash: must be a boolean'],
  [
    'dlt ids as digits',
    { dlt_entity_id: '1101234567890123456', dlt_template_id: '1107161234567890123' },
    null,
  ],
  ['dlt_entity_id with letters', { dlt_entity_id: '1101abc' }, 'dlt_entity_id: must contain digits only'],
  ['dlt_entity_id as number', { dlt_entity_id: 1101234567 }, 'dlt_entity_id: must be a string'],
  ['dlt_template_id empty', { dlt_template_id: '' }, 'dlt_template_id: must contain digits only'],
  ['post_back_url http', { post_back_url: 'http://127.0.0.1:9/hook' }, null],
  ['post_back_url https', { post_back_url: 'https://example.com/hook?x=1' }, null],
  ['post_back_url relative', { post_back_url: '/hook' }, 'post_back_url: must be an absolute http(s) URL'],
  [
    'post_back_url ftp',
    { post_back_url: 'ftp://example.com/hook' },
    'post_back_url: must be an absolute http(s) URL',
  ],
  ['post_back_url as number', { post_back_url: 42 }, 'post_back_url: must be a string'],
  ['post_back_data string', { post_back_data: 'order-1' }, null],
  ['post_back_data as object', { post_back_data: { order: 1 } }, 'post_back_data: must be a string'],
  ['unknown fields ignored', { foo: 'bar', template_id: 5 }, null],
];

const templateCases: Case[] = [
  ['valid template by name', {}, null],
  ['valid template by id', { template_name: undefined, template_id: 'tpl_123' }, null],
  ['no variables', { variables: undefined }, null],
  ['empty variables', { variables: {} }, null],
  [
    'both name and id',
    { template_id: 'tpl_123' },
    'template_name: give either template_name or template_id, not both',
  ],
  [
    'neither name nor id',
    { template_name: undefined },
    'template_name: template_name or template_id is required',
  ],
  ['template_name empty', { template_name: '' }, 'template_name: must not be empty'],
  ['template_id as number', { template_name: undefined, template_id: 123 }, 'template_id: must be a string'],
  ['variables as array', { variables: ['1234'] }, 'variables: must be an object of strings'],
  ['variables as string', { variables: 'code=1234' }, 'variables: must be an object of strings'],
  ['variable as number', { variables: { code: 1234 } }, 'variables.code: must be a string'],
  ['recipient invalid', { recipient: '98765' }, 'recipient: must be 8 to 15 digits'],
  ['route invalid', { route: 'sms' }, 'route: must be one of'],
  ['sender_id missing', { sender_id: undefined }, 'sender_id: is required'],
  ['is_flash as string', { is_flash: 'no' }, 'is_flash: must be a boolean'],
  ['post_back_url invalid', { post_back_url: 'not a url' }, 'post_back_url: must be an absolute http(s) URL'],
  ['message and dlt fields ignored', { message: 5, dlt_entity_id: 'abc' }, null],
];

describe('ZixflowSimulator body validation', () => {
  let simulator: ZixflowSimulator;

  beforeAll(async () => {
    simulator = await new ZixflowSimulator({ apiKey: API_KEY, workspaceId: WORKSPACE }).start();
  });
  afterAll(() => simulator.stop());
  beforeEach(() => simulator.reset());

  const expectOutcome = async (path: string, body: Record<string, unknown>, expected: string | null) => {
    const response = await postJson(`${simulator.url}${path}`, body);
    const payload = parse<{ success: boolean; message: string; request_id?: string }>(response);
    if (expected === null) {
      expect({ status: response.status, payload }).toMatchObject({ status: 200, payload: { success: true } });
      expect(simulator.sends).toHaveLength(1);
    } else {
      expect(response.status).toBe(400);
      expect(payload.success).toBe(false);
      expect(payload.message.startsWith(expected)).toBe(true);
      expect(payload.request_id).toBeUndefined();
      expect(simulator.sends).toHaveLength(0);
      expect(simulator.messages).toHaveLength(0);
    }
  };

  describe(SEND_SMS_PATH, () => {
    it.each(messageCases)('%s', (_name, patch, expected) =>
      expectOutcome(SEND_SMS_PATH, { ...VALID_SEND, ...patch }, expected),
    );
  });

  describe(SEND_SMS_TEMPLATE_PATH, () => {
    it.each(templateCases)('%s', (_name, patch, expected) =>
      expectOutcome(SEND_SMS_TEMPLATE_PATH, { ...VALID_TEMPLATE, ...patch }, expected),
    );
  });

  it.each([
    ['invalid JSON', '{"recipient":'],
    ['empty body', ''],
  ])('answers 400 on %s', async (_name, raw) => {
    const response = await postJson(`${simulator.url}${SEND_SMS_PATH}`, raw);
    expect(response.status).toBe(400);
    expect(parse(response)).toEqual({ success: false, message: 'body: must be valid JSON' });
  });

  it.each([
    ['an array', '[]'],
    ['null', 'null'],
    ['a string', '"hello"'],
  ])('answers 400 when the body is %s', async (_name, raw) => {
    const response = await postJson(`${simulator.url}${SEND_SMS_TEMPLATE_PATH}`, raw);
    expect(response.status).toBe(400);
    expect(parse(response)).toEqual({ success: false, message: 'body: must be a JSON object' });
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const response = await postJson(`${simulator.url}${SEND_SMS_PATH}`, {
      ...VALID_SEND,
      message: 'x'.repeat(1_100_000),
    });
    expect(response.status).toBe(413);
    expect(simulator.requests[0].rawBody).toBe('');
  });
});
