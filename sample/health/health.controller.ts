import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { ZixflowHealthIndicator } from '../../lib/health';

/** GET /health: Terminus with ZixflowHealthIndicator, once per workspace, each with its credentials proven. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly zixflow: ZixflowHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.zixflow.isHealthy('zixflow', { active: true }),
      () => this.zixflow.isHealthy('zixflow-marketing', { workspace: 'marketing', active: true }),
    ]);
  }
}
