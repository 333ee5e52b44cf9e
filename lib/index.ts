export { ZixflowModule } from './zixflow.module';
export { ZIXFLOW_MODULE_OPTIONS, type ZixflowOptionsFactory } from './zixflow.module-definition';
export { DEFAULT_BASE_URL, ZIXFLOW_HTTP_SERVICE, ZIXFLOW_RESOLVED_OPTIONS } from './zixflow.constants';
export * from './interfaces/zixflow-module-options.interface';
export * from './interfaces/zixflow-resolved-options.interface';
export * from './interfaces/zixflow-retry-options.interface';
export * from './interfaces/zixflow-postback-options.interface';
export * from './interfaces/zixflow-dlt-options.interface';
export * from './errors';
export {
  SmsService,
  type SendSmsInput,
  type SendSmsTemplateInput,
  type SendDltOptions,
} from './sms/sms.service';
export { SendSmsTemplateDto } from './sms/dto/send-sms-template.dto';
export type { DeliveryReport } from './sms/interfaces/delivery-report.interface';
export type { WaitForStatusOptions, DeliveryStatusUpdate } from './sms/interfaces/wait-for-status.interface';
export { previewSms, splitSms, type SmsPreview, type SmsEncoding } from './sms/preview';
export {
  DltTemplateRegistry,
  DltTemplateMatcher,
  renderDltTemplate,
  checkIndianSenderId,
  isIndianRecipient,
  promotionalWindowStatus,
  loadDltTemplatesFromEnv,
  loadDltTemplatesFromFile,
  type DltTemplateValues,
  type DltMatchResult,
} from './dlt';
export { normalizeRecipient } from './phone';
export { SmsRoute } from './sms/sms-route.enum';
export { SmsBaseDto } from './sms/dto/sms-base.dto';
export { SendSmsDto } from './sms/dto/send-sms.dto';
export type { SmsSendResult } from './sms/interfaces/sms-send-result.interface';
export type { SendOptions } from './sms/interfaces/send-options.interface';
export { ZixflowEvent, postbackEventName, type ZixflowEventName } from './events/zixflow-event';
export { SmsQueuedEvent } from './events/sms-queued.event';
export { SmsSendFailedEvent } from './events/sms-send-failed.event';
export { loadZixflowOptionsFromEnv } from './config/load-zixflow-env';
export { resolveZixflowOptions } from './config/resolve-zixflow-options';
export type { PostbackDedupStore } from './postback/dedup/postback-dedup-store.interface';
// --- Postbacks -----------------------------------------------------------------------------------------
export { ZixflowPostback } from './postback/http/zixflow-postback.decorator';
export { PostbackPayload } from './postback/http/postback-payload.decorator';
export { ZixflowPostbackGuard } from './postback/http/zixflow-postback.guard';
export { ZixflowPostbackInterceptor } from './postback/http/zixflow-postback.interceptor';
export {
  ZixflowPostbackHttpException,
  type ZixflowPostbackHttpStatus,
} from './postback/http/zixflow-postback-http.exception';
export { RawBodyInspector, type RawBodyState } from './postback/http/raw-body.inspector';
export { ZIXFLOW_POSTBACK_DEDUP_STORE } from './postback/zixflow-postback.constants';
export type { ZixflowPostbackEvent } from './postback/interfaces/zixflow-postback-event.interface';
export type { ZixflowPostbackChannel } from './postback/interfaces/zixflow-postback-channel.type';
export type { ZixflowPostbackStatus } from './postback/interfaces/zixflow-postback-status.type';
export type { ZixflowPostbackWirePayload } from './postback/interfaces/zixflow-postback-wire-payload.interface';
export type { PostbackJsonValue } from './postback/interfaces/postback-json-value.type';
export {
  parsePostbackPayload,
  type ParsePostbackPayloadOptions,
} from './postback/parsing/postback-payload.parser';
export { PostbackTokenSigner, type PostbackTokenVerification } from './postback/auth/postback-token.signer';
export { buildPostbackUrl, extractPostbackToken } from './postback/auth/postback-url.util';
export { POSTBACK_TOKEN_QUERY_PARAM } from './postback/postback.constants';
export { postbackDedupKey } from './postback/dedup/postback-dedup-key';
export {
  InMemoryPostbackDedupStore,
  type InMemoryPostbackDedupStoreOptions,
} from './postback/dedup/in-memory-dedup.store';
export {
  ZixflowBulkAbortedError,
  DEFAULT_BULK_CONCURRENCY,
  type BulkInput,
  type BulkSendItemResult,
  type BulkSendQueuedResult,
  type BulkSendFailedResult,
  type BulkSendOptions,
  type BulkSendProgress,
} from './sms/bulk';
