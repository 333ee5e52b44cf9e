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
  /** The same send with `fastPaths.precompiledValidation: false` (validateSync on every send). */
  sendPlainValidationUs: number;
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

/** SmsService in a Nest context whose HTTP client answers at once. */
async function benchContext(precompiledValidation: boolean) {
  return Test.createTestingModule({
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
        fastPaths: { precompiledValidation },
      }),
    ],
  })
    .overrideProvider(ZixflowHttpClient)
    .useValue({ post: async () => QUEUED, get: async () => QUEUED, isClosing: false })
    .setLogger({ log() {}, error() {}, warn() {} })
    .compile();
}

export async function runValidationCpu(iterations: number): Promise<ValidationCpuResult> {
  const warmup = Math.min(20_000, iterations);
  const plainRef = await benchContext(false);
  let sendPlainValidationUs: number;
  try {
    const plain = plainRef.get(SmsService);
    sendPlainValidationUs = await perCallUs(() => plain.send(BENCH_INPUT), iterations, warmup);
  } finally {
    await plainRef.close();
  }
  const moduleRef = await benchContext(true);
  const sms = moduleRef.get(SmsService);
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
    return { sendUs, sendPlainValidationUs, sendDltUs, validateOnlyUs, iterations };
  } finally {
    await moduleRef.close();
  }
}
