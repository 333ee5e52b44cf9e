/** The instrumentation scope our tracer and meter are named after. */
export const TELEMETRY_SCOPE = 'nestjs-zixflow';

export const SEND_SPAN = 'zixflow.sms.send';
export const RETRY_EVENT = 'zixflow.sms.retry';
export const POSTBACK_SPAN = 'zixflow.postback';

/** Metric names; units and attributes are in the README's telemetry section. */
export const METRIC = {
  sends: 'zixflow.sms.sends',
  sendDuration: 'zixflow.sms.send.duration',
  segments: 'zixflow.sms.segments',
  retries: 'zixflow.sms.send.retries',
  postbacks: 'zixflow.postbacks',
  deliveryDuration: 'zixflow.sms.delivery.duration',
} as const;

/** Attribute keys: OpenTelemetry semantic conventions where one fits, `zixflow.*` otherwise. */
export const ATTR = {
  errorType: 'error.type',
  httpStatus: 'http.response.status_code',
  route: 'zixflow.sms.route',
  kind: 'zixflow.sms.kind',
  encoding: 'zixflow.sms.encoding',
  segments: 'zixflow.sms.segments',
  attempts: 'zixflow.sms.attempts',
  outcome: 'zixflow.sms.outcome',
  sendId: 'zixflow.sms.send_id',
  requestId: 'zixflow.sms.request_id',
  countryCode: 'zixflow.recipient.country_code',
  attempt: 'zixflow.sms.attempt',
  retryDelay: 'zixflow.sms.retry.delay_ms',
  postbackChannel: 'zixflow.postback.channel',
  postbackStatus: 'zixflow.postback.status',
  postbackResult: 'zixflow.postback.result',
  postbackStale: 'zixflow.postback.stale',
  rejectReason: 'zixflow.postback.reject_reason',
  /** The named instance (`forRoot({ name })`); absent for the unnamed one. */
  workspace: 'zixflow.workspace',
} as const;

/** Send duration buckets in seconds (the semantic conventions' advice for HTTP client durations). */
export const SEND_DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];
/** Send-to-final-status buckets in seconds: carriers report within seconds to hours. */
export const DELIVERY_DURATION_BUCKETS = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600, 21600, 86400];
