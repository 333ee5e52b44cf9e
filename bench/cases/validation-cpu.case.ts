/**
 * (d) CPU per send spent before any I/O: validateInput(SendSmsDto) + toSendSmsWireBody + compliance
 * checks, measured through SmsService.send itself with the HTTP client replaced by an instant answer
 * (so the figure also holds the promise, event and result overhead of a send), plus validateInput alone.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Test } from '@nestjs/testing';
import { SendSmsDto, SmsService, ZixflowModule } from '../../lib';
import { ZixflowHttpClient } from '../../lib/transport/zixflow-http.client';
import { validateInput } from '../../lib/sms/validate-input';
import { BENCH_API_KEY, BENCH_INPUT, BENCH_WORKSPACE } from '../fixtures';

export interface ValidationCpuResult {
  sendUs: number;
  sendDltUs: number;
  validateOnlyUs: number;
  iterations: number;
}

const QUEUED = {
  success: true,
  message: 'SMS request queued successfully',
  request_id: '65ca1d21-8854-4d39-a0bd-64f1cd7b8db1',
};

/** Mean µs per call over `iterations`, after `warmup` calls; awaited in batches of 64 like real traffic. */
async function perCallUs(fn: () => unknown, iterations: number, warmup: number): Promise<number> {
  const batch = async (n: number) => {
    for (let i = 0; i < n; i += 64) {
      const pending: unknown[] = [];
      for (let j = 0; j < 64 && i + j < n; j++) pending.push(fn());
      await Promise.all(pending);
    }
  };
  await batch(warmup);
  const start = performance.now();
  await batch(iterations);
  return ((performance.now() - start) * 1000) / iterations;
}

export async function runValidationCpu(iterations: number): Promise<ValidationCpuResult> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ZixflowModule.forRoot({
        apiKey: BENCH_API_KEY,
        workspaceId: BENCH_WORKSPACE,
        defaults: { senderId: 'ZIXFLW', route: 'transactional', dltEntityId: '1101000000000000001' },
        // Signed postback URLs and DLT checks on, as a production Indian setup would have them.
        postback: {
          publicUrl: 'https://example.com/webhooks/zixflow',
          secret: 'bench-postback-secret-0123456789',
        },
        dlt: {
          templates: [
            {
              key: 'otp',
              templateId: '1107000000000000001',
              body: 'Your OTP is {#var#}. Do not share it.',
              route: 'transactional',
            },
          ],
        },
      }),
    ],
  })
    .overrideProvider(ZixflowHttpClient)
    .useValue({ post: async () => QUEUED, get: async () => QUEUED, isClosing: false })
    .setLogger({ log() {}, error() {}, warn() {} })
    .compile();
  const sms = moduleRef.get(SmsService);
  const warmup = Math.min(20_000, iterations);
  try {
    const sendUs = await perCallUs(() => sms.send(BENCH_INPUT), iterations, warmup);
    const sendDltUs = await perCallUs(
      () => sms.sendDlt('otp', ['482913'], BENCH_INPUT.recipient),
      iterations,
      warmup,
    );
    const defaults = { senderId: 'ZIXFLW', route: 'transactional' } as Partial<SendSmsDto>;
    const validateOnlyUs = await perCallUs(
      () => validateInput(SendSmsDto, BENCH_INPUT, { defaults }),
      iterations,
      warmup,
    );
    return { sendUs, sendDltUs, validateOnlyUs, iterations };
  } finally {
    await moduleRef.close();
  }
}
