import type { AdmittedPostback } from './admitted-postback';
import { ZIXFLOW_POSTBACK_REQUEST_STATE } from '../zixflow-postback.constants';

type StateCarrier = { [ZIXFLOW_POSTBACK_REQUEST_STATE]?: AdmittedPostback };

/** Stores the guard's verdict on the request object (Express or Fastify alike). */
export function setPostbackRequestState(request: object, state: AdmittedPostback): void {
  (request as StateCarrier)[ZIXFLOW_POSTBACK_REQUEST_STATE] = state;
}

/** The guard's verdict, or undefined when ZixflowPostbackGuard did not admit this request. */
export function getPostbackRequestState(request: object): AdmittedPostback | undefined {
  return (request as StateCarrier)[ZIXFLOW_POSTBACK_REQUEST_STATE];
}
