import { Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { workspaceName } from '../workspace/workspace-name';
import { getHealthProbeToken } from '../workspace/zixflow-workspace.tokens';
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
 *
 * With several instances, `isHealthy('marketing', { workspace: 'marketing' })` checks the named one (found
 * anywhere in the app, imported here or not); without `workspace`, the unnamed one, which must then be
 * visible here.
 */
@Injectable()
export class ZixflowHealthIndicator {
  /** @internal Nest's injector builds it: list the class in `providers`, never construct it. */
  constructor(
    private readonly healthIndicatorService: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
    @Optional() private readonly probe?: ZixflowHealthProbe,
  ) {}

  /**
   * Checks the module and reports {@link ZixflowHealthDetails} under `key` (default `zixflow`), up or down.
   * Passive by default: no request to Zixflow; `{ active: true }` adds one cached delivery-report read.
   * Rejects with ZixflowConfigError (before anything is read) when an option is invalid, or when the instance
   * to check is not registered.
   */
  async isHealthy<const Key extends string = 'zixflow'>(
    key: Key = 'zixflow' as Key,
    options: ZixflowHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key, 'up' | 'down', ZixflowHealthDetails>> {
    const timeoutMs = nonNegative(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
    const cacheMs = nonNegative(options.activeCacheMs, DEFAULT_ACTIVE_CACHE_MS, 'activeCacheMs');
    const probe = this.probeOf(workspaceName(options.workspace, 'workspace'));
    const indicator = this.healthIndicatorService.check(key);

    const [store, credentials] = await Promise.all([
      probe.probeStore(timeoutMs),
      options.active ? probe.checkCredentials(timeoutMs, cacheMs) : undefined,
    ]);
    const { authRefused, ...sends } = probe.sends();

    const reasons: string[] = [];
    if (store.configured && !store.reachable) reasons.push(`store unreachable (${store.error})`);
    if (credentials && !credentials.accepted) {
      reasons.push(`active check failed (${credentials.error})`);
    }
    if (authRefused) reasons.push('last send refused with AUTH, none succeeded since');

    const details: ZixflowHealthDetails = {
      transport: probe.transportStats(),
      sends,
      store,
      ...(credentials ? { credentials } : {}),
    };
    return reasons.length === 0 ? indicator.up(details) : indicator.down({ ...details, reasons });
  }

  /** The probe of the named instance, or of the unnamed one injected here. */
  private probeOf(workspace: string | undefined): ZixflowHealthProbe {
    if (workspace === undefined) {
      if (this.probe !== undefined) return this.probe;
      throw new ZixflowConfigError([
        'no unnamed ZixflowModule is visible to ZixflowHealthIndicator: import it into this module, or pass ' +
          '{ workspace } to check a named instance',
      ]);
    }
    try {
      return this.moduleRef.get<ZixflowHealthProbe>(getHealthProbeToken(workspace), { strict: false });
    } catch {
      throw new ZixflowConfigError([`workspace "${workspace}" is not a registered ZixflowModule instance`]);
    }
  }
}
