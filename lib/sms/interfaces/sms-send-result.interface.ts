/** Zixflow accepted the request. "Queued" means accepted, not delivered: watch postbacks for the outcome. */
export interface SmsSendResult {
  requestId: string;
  /** The API's message, e.g. `SMS request queued successfully`. */
  message: string;
}
