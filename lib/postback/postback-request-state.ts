import type { PostbackRequestState } from './interfaces/postback-request-state.interface';
import { ZIXFLOW_POSTBACK_REQUEST_STATE } from './zixflow-postback.constants';

type StateCarrier = { [ZIXFLOW_POSTBACK_REQUEST_STATE]?: PostbackRequestState };

/** Stores the guard's verdict on the request object (Express or Fastify alike). */
export function setPostbackRequestState(request: object, state: PostbackRequestState): void {
  (request as StateCarrier)[ZIXFLOW_POSTBACK_REQUEST_STATE] = state;
}

/** The guard's verdict, or undefined when ZixflowPostbackGuard did not run for this request. */
export function getPostbackRequestState(request: object): PostbackRequestState | undefined {
  return (request as StateCarrier)[ZIXFLOW_POSTBACK_REQUEST_STATE];
}
