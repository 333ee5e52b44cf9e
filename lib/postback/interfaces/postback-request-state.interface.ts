import type { ZixflowPostbackEvent } from './zixflow-postback-event.interface';

/** What ZixflowPostbackGuard decided about one accepted request, for the interceptor and @PostbackPayload(). */
export interface PostbackRequestState {
  readonly event: ZixflowPostbackEvent;
  /** True when the same status change was already accepted (a redelivery): acknowledged, not re-emitted. */
  readonly duplicate: boolean;
}
