import { SmsService } from '../sms/sms.service';
import { workspaceName } from './workspace-name';

/**
 * The injection token of the SmsService of the instance registered with `name`
 * (`ZixflowModule.forRoot({ name, ... })`); the `SmsService` class itself for the unnamed instance (no name,
 * or `'default'`). As `getQueueToken` does for `@nestjs/bullmq`: `app.get(getSmsServiceToken('marketing'))`.
 * @throws ZixflowConfigError when `name` is not a valid instance name.
 */
export function getSmsServiceToken(name?: string): string | typeof SmsService {
  const workspace = workspaceName(name);
  return workspace === undefined ? SmsService : `ZixflowSmsService_${workspace}`;
}

/** Token of a named instance's postback guard, which guards of `@ZixflowPostback({ workspace })` delegate to. */
export function getPostbackGuardToken(workspace: string): string {
  return `ZixflowPostbackGuard_${workspace}`;
}

/** Token of a named instance's health probe, which ZixflowHealthIndicator finds by name. */
export function getHealthProbeToken(workspace: string): string {
  return `ZixflowHealthProbe_${workspace}`;
}
