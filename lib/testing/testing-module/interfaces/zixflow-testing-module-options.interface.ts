import type { ZixflowModuleOptions } from '../../../interfaces/zixflow-module-options.interface';
import type { ZixflowModuleExtras } from '../../../zixflow.module-definition';
import type { ZixflowScriptedOutcome } from './zixflow-scripted-outcome.interface';

/**
 * Options of `ZixflowTestingModule.forRoot()`: those of `ZixflowModule.forRoot()`, all optional. `apiKey` and
 * `workspaceId` default to test values; `postback.publicUrl` and `postback.secret` too, so every send carries a
 * signed postback URL and `deliverPostback` works. Everything else has ZixflowModule's defaults and checks.
 * With `name`, the module stands for that named instance: inject its SmsService with `@InjectSmsService(name)`
 * and its ZixflowTesting with `getZixflowTestingToken(name)`.
 */
export interface ZixflowTestingModuleOptions
  extends Partial<ZixflowModuleOptions>, Pick<ZixflowModuleExtras, 'name' | 'isGlobal' | 'postbackPath'> {
  /** How sends are answered when no script matches their recipient. Default `{ outcome: 'accepted' }`. */
  defaultOutcome?: ZixflowScriptedOutcome;
}
