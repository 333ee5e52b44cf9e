/**
 * `nestjs-zixflow/testing`: `ZixflowSimulator`, a local Zixflow for your tests, with fault injection and
 * real postbacks.
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
export type { SimulatedMessage } from './interfaces/simulated-message.interface';
