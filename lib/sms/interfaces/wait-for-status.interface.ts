/** Options of `SmsService.waitForStatus`. */
export interface WaitForStatusOptions {
  /** Statuses that end the wait (case-insensitive). Default: delivered, failed, rejected, expired, undelivered. */
  statuses?: string[];
  /** Give up after this many ms with ZixflowWaitTimeoutError. Default 60 000. */
  timeoutMs?: number;
  /** How often the delivery report is polled when no postback arrives. Default 2 000. */
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/** The status that ended the wait, from a postback or from the delivery report, whichever came first. */
export interface DeliveryStatusUpdate {
  requestId: string;
  status: string;
  statusAt: string;
  statusDate: Date | undefined;
  remark: string;
  messageId: string;
  source: 'postback' | 'report';
}
