import type { ZixflowModuleOptions, ZixflowSendDefaults } from './zixflow-module-options.interface';

/** Module options after defaults are merged and checked once at boot. */
export interface ZixflowResolvedOptions extends Omit<
  ZixflowModuleOptions,
  'baseUrl' | 'timeoutMs' | 'connectTimeoutMs' | 'defaults' | 'shutdownTimeoutMs'
> {
  baseUrl: string;
  timeoutMs: number;
  connectTimeoutMs: number;
  defaults: ZixflowSendDefaults;
  shutdownTimeoutMs: number;
  /** Values that must never appear in logs or errors. */
  secrets: string[];
}
