import { ZixflowConfigError } from '../../../lib';
import { resolveQueueOptions } from '../../../lib/queue/resolve-queue-options';
import type { ZixflowQueueModuleOptions } from '../../../lib/queue';

const connection = { host: '127.0.0.1', port: 6379 };

function problemsOf(options: unknown, queueName?: string): string[] {
  try {
    resolveQueueOptions(options as ZixflowQueueModuleOptions, queueName);
  } catch (error) {
    if (error instanceof ZixflowConfigError) return error.problems;
    throw error;
  }
  throw new Error('no ZixflowConfigError');
}

describe('ZixflowQueueModule options', () => {
  it('fills in the defaults', () => {
    expect(resolveQueueOptions({ connection })).toEqual({
      connection,
      queueName: 'zixflow-sms',
      prefix: 'bull',
      limiter: undefined,
      concurrency: 16,
      worker: true,
      shutdownTimeoutMs: 10_000,
      redelivery: 'at-most-once',
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      ledgerTtlMs: 48 * 3_600_000,
      lockDurationMs: 30_000,
      removeOnComplete: { age: 86_400 },
      removeOnFail: { age: 604_800 },
      fastPaths: { batchedLedger: true },
    });
  });

  it('names every bad option at once, each under ZixflowQueueModule', () => {
    expect(
      problemsOf(
        {
          concurrency: 0,
          attempts: 1.5,
          limiter: { max: 10, spread: 'yes' },
          redelivery: 'twice',
          shutdownTimeoutMs: -1,
          fastPaths: { batchedLedger: 'false' },
        },
        'a:b',
      ),
    ).toEqual([
      expect.stringMatching(/^ZixflowQueueModule: connection is required/),
      'ZixflowQueueModule: queueName must be a non-empty string without ":"',
      'ZixflowQueueModule: limiter must be { max, duration } with positive integers',
      'ZixflowQueueModule: limiter.spread must be a boolean',
      "ZixflowQueueModule: redelivery must be 'at-most-once' or 'at-least-once'",
      'ZixflowQueueModule: shutdownTimeoutMs must be a non-negative number of milliseconds',
      'ZixflowQueueModule: fastPaths.batchedLedger must be a boolean',
      'ZixflowQueueModule: concurrency must be a positive integer',
      'ZixflowQueueModule: attempts must be a positive integer',
    ]);
  });

  it('takes the queue name from the top level: a factory result that holds one is refused', () => {
    expect(resolveQueueOptions({ connection }, 'campaigns').queueName).toBe('campaigns');
    expect(problemsOf({ connection, queueName: 'campaigns' }, 'campaigns')).toEqual([
      expect.stringMatching(
        /^ZixflowQueueModule: queueName must be passed at the top level of forRootAsync\(\{ queueName, useFactory \}\)/,
      ),
    ]);
  });

  it('refuses missing options', () => {
    expect(problemsOf(undefined)).toEqual(['ZixflowQueueModule options are required']);
  });
});
