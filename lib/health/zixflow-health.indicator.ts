import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ZixflowConfigError } from '../errors/zixflow-config.error';
import { ZixflowHealthProbe } from './zixflow-health.probe';
import type { ZixflowHealthCheckOptions } from './interfaces/zixflow-health-check-options.interface';
import type { ZixflowHealthDetails } from './interfaces/zixflow-health-details.interface';

const DEFAULT_ACTIVE_CACHE_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 3_000;

function nonNegative(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new ZixflowConfigError([`${field} must be a non-negative number of milliseconds`]);
  }
  return value;
}

/**
 * Terminus health indicator for ZixflowModule, on Terminus' `HealthIndicatorService` (Terminus 11+).
 *
 * List it in `providers` of a module that imports both `TerminusModule` and `ZixflowModule` (or where
 * ZixflowModule is global), as Terminus documents for custom indicators, then inject it into your health
 * controller:
 * ```ts
 * @Module({ imports: [TerminusModule, ZixflowModule.forRoot(...)], controllers: [HealthController], providers: [ZixflowHealthIndicator] })
 * // in HealthController:
 * @Get('health') @HealthCheck()
 * check() { return this.health.check([() => this.zixflow.isHealthy('zixflow')]); }
 * ```
 *
 * Down when the configured store does not answer a read in time, when the last send of this instance was
 * refused with `AUTH` and none succeeded since, or (with `active: true`) when Zixflow does not accept the
 * credentials. Other send failures are reported, not judged: Zixflow's own hiccups should not restart your pods.
 */
@Injectable()
export class ZixflowHealthIndicator {
  /** @internal Nest's injector builds it: list the class in `providers`, never construct it. */
  constructor(
    private readonly healthIndicatorService: HealthIndicatorService,
    private readonly probe: ZixflowHealthProbe,
  ) {}

  /**
   * Checks the module and reports {@link ZixflowHealthDetails} under `key` (default `zixflow`), up or down.
   * Passive by default: no request to Zixflow; `{ active: true }` adds one cached delivery-report read.
   * Rejects with ZixflowConfigError (before anything is read) when an option is invalid.
   */
  async isHealthy<const Key extends string = 'zixflow'>(
    key: Key = 'zixflow' as Key,
    options: ZixflowHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key, 'up' | 'down', ZixflowHealthDetails>> {
    const timeoutMs = nonNegative(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
    const cacheMs = nonNegative(options.activeCacheMs, DEFAULT_ACTIVE_CACHE_MS, 'activeCacheMs');
    const indicator = this.healthIndicatorService.check(key);

    const [store, credentials] = await Promise.all([
      this.probe.probeStore(timeoutMs),
      options.active ? this.probe.checkCredentials(timeoutMs, cacheMs) : undefined,
    ]);
    const { authRefused, ...sends } = this.probe.sends();

    const reasons: string[] = [];
    if (store.configured && !store.reachable) reasons.push(`store unreachable (${store.error})`);
    if (credentials && !credentials.accepted) {
      reasons.push(`active check failed (${credentials.error})`);
    }
    if (authRefused) reasons.push('last send refused with AUTH, none succeeded since');

    const details: ZixflowHealthDetails = {
      transport: this.probe.transportStats(),
      sends,
      store,
      ...(credentials ? { credentials } : {}),
    };
    return reasons.length === 0 ? indicator.up(details) : indicator.down({ ...details, reasons });
  }
}
