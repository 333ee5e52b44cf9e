import type { SendSmsInput } from '../../sms/sms.service';

/** What a job holds in Redis: the send's input as given, and the `sendId` fixed at enqueue. Never a secret. */
export interface SmsJobData {
  /** The fields of the send, as passed to `enqueue` (validated then, and again by the worker). */
  input: SendSmsInput;
  /** The id its postbacks and `SmsService.resolveOutcome` name, whichever worker sends it. */
  sendId: string;
}

/** A job that Zixflow accepted. */
export interface SmsJobQueuedResult {
  /** Zixflow accepted the send. */
  outcome: 'queued';
  /** Zixflow's `request_id`. */
  requestId: string;
  /** The job's `sendId`. */
  sendId: string;
}

/**
 * A job whose send may or may not have gone out (a timeout after the request was written, or a redelivery of a
 * job whose worker died during its send). Never resent blindly: the shared store settles it when its postback
 * arrives (`SmsService.resolveOutcome(sendId)`, `ZixflowEvent.SmsOutcomeResolved`).
 */
export interface SmsJobUnknownResult {
  /** Whether Zixflow accepted the send is not known yet. */
  outcome: 'unknown';
  /** The job's `sendId`. */
  sendId: string;
}

/** A completed job's return value (BullMQ's `job.returnvalue`). */
export type SmsJobResult = SmsJobQueuedResult | SmsJobUnknownResult;
