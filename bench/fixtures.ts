import type { ZixflowModuleOptions } from '../lib';
import { postbackBody as documentedPostbackBody } from '../test/postback/postback-body.fixture';

/** Shared constants of the bench: fake credentials (loopback only) and the documented bodies. */
export const BENCH_API_KEY = 'sk_bench_0123456789abcdef';
export const BENCH_WORKSPACE = '69614209f51dfafb2231a6fe';
export const BENCH_POSTBACK_SECRET = 'bench-postback-secret-0123456789';
export const SEND_PATH = '/api/ingest/sms/v1/message/send';
export const BENCH_RECIPIENT = '919876543210';

/** ZixflowModule options every send bench uses, pointed at the stub server. */
export function benchZixflowOptions(baseUrl: string): ZixflowModuleOptions {
  return {
    apiKey: BENCH_API_KEY,
    workspaceId: BENCH_WORKSPACE,
    baseUrl,
    defaults: { senderId: 'ZIXFLW', route: 'transactional' },
  };
}

/** What SmsService sends for BENCH_INPUT with defaults { senderId: 'ZIXFLW', route: 'transactional' }. */
export const BENCH_INPUT = { recipient: BENCH_RECIPIENT, message: 'Your OTP is 482913. Do not share it.' };
export const BENCH_WIRE_BODY = {
  recipient: BENCH_RECIPIENT,
  message: BENCH_INPUT.message,
  sender_id: 'ZIXFLW',
  route: 'transactional',
};

/** A documented delivery_status postback for `recipient`, made unique by `seq` (status_at nanoseconds). */
export function postbackBody(seq: number, recipient = BENCH_RECIPIENT): string {
  const nanos = String(seq % 1_000_000_000).padStart(9, '0');
  const seconds = String(Math.floor(seq / 1_000_000_000) % 60).padStart(2, '0');
  return documentedPostbackBody({
    workspace_id: JSON.stringify(BENCH_WORKSPACE),
    channel: '"sms"',
    recipient: JSON.stringify(recipient),
    status_at: `"2026-01-28T17:17:${seconds}.${nanos}Z"`,
    post_back_data: '"bench"',
  });
}
