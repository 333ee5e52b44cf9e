/**
 * `nestjs-zixflow/health`: `ZixflowHealthIndicator`, a `@nestjs/terminus` health indicator (Terminus 11+,
 * an optional peer dependency loaded only by this entry point).
 *
 * @packageDocumentation
 */
export { ZixflowHealthIndicator } from './zixflow-health.indicator';
export type { ZixflowHealthCheckOptions } from './interfaces/zixflow-health-check-options.interface';
export type {
  ZixflowHealthDetails,
  ZixflowHealthTransport,
  ZixflowHealthSends,
  ZixflowHealthStore,
  ZixflowHealthCredentials,
} from './interfaces/zixflow-health-details.interface';
