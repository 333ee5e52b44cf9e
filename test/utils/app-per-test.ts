import type { INestApplication } from '@nestjs/common';
import { CaptureLogger } from './capture-logger';

/** The app a test built (closed after it) and the logger its app logs to. */
export interface AppPerTest {
  app: INestApplication | undefined;
  /** A fresh CaptureLogger for each test. */
  readonly logger: CaptureLogger;
}

/**
 * One app per test: a fresh CaptureLogger before each test; after it, the app (if any) is closed, then
 * `afterClose` checks what was logged (e.g. that no secret was).
 */
export function useAppPerTest(afterClose?: (logger: CaptureLogger) => void): AppPerTest {
  let logger = new CaptureLogger();
  const current: AppPerTest = {
    app: undefined,
    get logger() {
      return logger;
    },
  };
  beforeEach(() => {
    logger = new CaptureLogger();
  });
  afterEach(async () => {
    const app = current.app;
    current.app = undefined;
    await app?.close();
    afterClose?.(logger);
  });
  return current;
}
