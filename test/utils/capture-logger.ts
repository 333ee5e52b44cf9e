import { ConsoleLogger, type LoggerService } from '@nestjs/common';

/** A Nest logger that records every line, so tests can assert what (and what not) was logged. */
export class CaptureLogger extends ConsoleLogger implements LoggerService {
  readonly lines: string[] = [];

  constructor() {
    super('test', { logLevels: ['error', 'warn', 'log', 'debug', 'verbose'] });
  }

  protected override printMessages(messages: unknown[], context?: string, logLevel?: string): void {
    for (const message of messages) {
      this.lines.push(
        `${logLevel ?? ''} [${context ?? ''}] ${typeof message === 'string' ? message : JSON.stringify(message)}`,
      );
    }
  }

  get text(): string {
    return this.lines.join('\n');
  }
}
