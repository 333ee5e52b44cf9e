import { Inject } from '@nestjs/common';
import { getSmsServiceToken } from './zixflow-workspace.tokens';

/**
 * Injects the SmsService of the instance registered with `name`; with no name (or `'default'`), the unnamed
 * instance's, as a plain `SmsService` parameter would. As `@InjectQueue` does for `@nestjs/bullmq`:
 * ```ts
 * constructor(@InjectSmsService('marketing') private readonly marketing: SmsService) {}
 * ```
 * @throws ZixflowConfigError (when the class is defined) if `name` is not a valid instance name.
 */
export function InjectSmsService(name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getSmsServiceToken(name));
}
