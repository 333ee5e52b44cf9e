/**
 * `nestjs-zixflow/testing`: `ZixflowTestingModule` (a drop-in for ZixflowModule in unit tests, answered in
 * process, with `ZixflowTesting` to inspect and script it) and `ZixflowSimulator`, a local Zixflow for your
 * e2e tests, with fault injection and real postbacks (retried when your app answers 5xx).
 *
 * @packageDocumentation
 */
export { ZixflowSimulator } from './zixflow-simulator';
export {
  DEFAULT_SIMULATOR_API_KEY,
  DEFAULT_SIMULATOR_WORKSPACE_ID,
  DEFAULT_SIMULATOR_HOST,
  DEFAULT_SIMULATOR_CLI_PORT,
} from './simulator.constants';
export type { ZixflowSimulatorOptions } from './interfaces/zixflow-simulator-options.interface';
export type {
  SimulatorFault,
  SimulatorFaultKind,
  SimulatorStatusFault,
  SimulatorDelayFault,
  SimulatorStallAfterHeadersFault,
  SimulatorResetBeforeBodyFault,
  SimulatorResetAfterBodyFault,
  SimulatorMalformedFault,
  SimulatorSuccessFalseFault,
} from './interfaces/simulator-fault.interface';
export type { PostbackScenario, PostbackStatusStep } from './interfaces/postback-scenario.interface';
export type { RecordedRequest, RecordedResponse } from './interfaces/recorded-request.interface';
export type { RecordedPostback } from './interfaces/recorded-postback.interface';
export type { SimulatorPostbackRetry } from './interfaces/simulator-postback-retry.interface';
export type {
  SimulatorSendBody,
  SimulatorSendSmsBody,
  SimulatorSendSmsTemplateBody,
} from './interfaces/simulator-send-body.interface';
export type { SimulatedMessage } from './interfaces/simulated-message.interface';
export { ZixflowTestingModule } from './testing-module/zixflow-testing.module';
export { ZixflowTesting } from './testing-module/zixflow-testing.service';
export { getZixflowTestingToken } from './testing-module/zixflow-testing-token';
export {
  DEFAULT_TESTING_API_KEY,
  DEFAULT_TESTING_WORKSPACE_ID,
  DEFAULT_TESTING_POSTBACK_URL,
  DEFAULT_TESTING_POSTBACK_SECRET,
} from './testing-module/zixflow-testing.constants';
export type { ZixflowTestingModuleOptions } from './testing-module/interfaces/zixflow-testing-module-options.interface';
export type {
  ZixflowScriptedOutcome,
  ZixflowAcceptedOutcome,
  ZixflowRejectedOutcome,
  ZixflowUnknownOutcome,
} from './testing-module/interfaces/zixflow-scripted-outcome.interface';
export type { ZixflowTestingSend } from './testing-module/interfaces/zixflow-testing-send.interface';
export type { ZixflowTestingSendMatcher } from './testing-module/expect-sent';
export type {
  ZixflowTestingPostback,
  ZixflowTestingPostbackResult,
} from './testing-module/interfaces/zixflow-testing-postback.interface';
export { freeLoopbackPort } from './free-loopback-port';
