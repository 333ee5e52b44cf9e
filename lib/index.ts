/**
 * NestJS module for sending SMS through Zixflow and handling delivery postbacks: configure
 * (`ZixflowModule`), send (`SmsService`), listen (`ZixflowEvent`), handle postbacks (`@ZixflowPostback()`),
 * share state between replicas (`ZixflowStore`), catch errors (`ZixflowError`). Tests use
 * `nestjs-zixflow/testing`; `@nestjs/config` users `nestjs-zixflow/config`; several replicas
 * `nestjs-zixflow/redis`; sending through a queue `nestjs-zixflow/queue`. Anything not exported from these entry
 * points is internal.
 *
 * @packageDocumentation
 */

// --- Configure -----------------------------------------------------------------------------------------
export { ZixflowModule } from './zixflow.module';
export type {
  ZixflowOptionsFactory,
  ZixflowModuleForRootOptions,
  ZixflowModuleAsyncOptions,
  ZixflowModuleExtras,
} from './zixflow.module-definition';
export { ZIXFLOW_HTTP_SERVICE } from './zixflow.constants';
export type {
  ZixflowModuleOptions,
  ZixflowSendDefaults,
  ZixflowHttpOptions,
  ZixflowFastPathOptions,
  ZixflowClientLimits,
  ZixflowRecipientOptions,
} from './interfaces/zixflow-module-options.interface';
export type { ZixflowRetryOptions } from './interfaces/zixflow-retry-options.interface';
export type { ZixflowPostbackOptions } from './interfaces/zixflow-postback-options.interface';
export type { ZixflowDltOptions, DltTemplate } from './interfaces/zixflow-dlt-options.interface';
export { loadZixflowOptionsFromEnv } from './config/load-zixflow-env';
export { getSmsServiceToken } from './workspace/zixflow-workspace.tokens';
export { InjectSmsService } from './workspace/inject-sms-service.decorator';

// --- Send ----------------------------------------------------------------------------------------------
export {
  SmsService,
  type SendSmsInput,
  type SendSmsTemplateInput,
  type SendDltOptions,
} from './sms/sms.service';
export { SmsRoute } from './sms/sms-route.enum';
export { SmsBaseDto } from './sms/dto/sms-base.dto';
export { SendSmsDto } from './sms/dto/send-sms.dto';
export { SendSmsTemplateDto } from './sms/dto/send-sms-template.dto';
export type { SendOptions } from './sms/interfaces/send-options.interface';
export type { SmsSendResult } from './sms/interfaces/sms-send-result.interface';
export type { DeliveryReport } from './sms/interfaces/delivery-report.interface';
export type { WaitForStatusOptions, DeliveryStatusUpdate } from './sms/interfaces/wait-for-status.interface';
export type {
  ResolveOutcomeOptions,
  SendOutcomeResolution,
} from './sms/outcome/send-outcome-resolution.interface';
export type { DltTemplateValues } from './dlt/dlt-template.renderer';
export {
  ZixflowBulkAbortedError,
  type BulkInput,
  type BulkSendItemResult,
  type BulkSendQueuedResult,
  type BulkSendFailedResult,
  type BulkSendOptions,
  type BulkSendProgress,
} from './sms/bulk';
export { previewSms } from './sms/preview/sms-preview';
export { splitSms } from './sms/preview/sms-splitter';
export type { SmsPreview } from './sms/preview/sms-preview.interface';
export type { SmsEncoding } from './sms/preview/sms-encoding';
export { normalizeRecipient } from './phone/recipient.normalizer';

// --- Events --------------------------------------------------------------------------------------------
export { ZixflowEvent, postbackEventName, type ZixflowEventName } from './events/zixflow-event';
export { SmsQueuedEvent } from './events/sms-queued.event';
export { SmsSendFailedEvent } from './events/sms-send-failed.event';
export { SmsOutcomeResolvedEvent } from './events/sms-outcome-resolved.event';

// --- Postbacks -----------------------------------------------------------------------------------------
export {
  ZixflowPostback,
  type ZixflowPostbackRouteOptions,
} from './postback/http/zixflow-postback.decorator';
export { PostbackPayload } from './postback/http/postback-payload.decorator';
export {
  ZixflowPostbackHttpException,
  type ZixflowPostbackHttpStatus,
} from './postback/http/zixflow-postback-http.exception';
export type { ZixflowPostbackEvent } from './postback/interfaces/zixflow-postback-event.interface';
export type { ZixflowPostbackChannel } from './postback/interfaces/zixflow-postback-channel.type';
export type { ZixflowPostbackStatus } from './postback/interfaces/zixflow-postback-status.type';
export type { PostbackJsonValue } from './postback/interfaces/postback-json-value.type';

// --- State shared between instances -------------------------------------------------------------------
export type {
  ZixflowStore,
  ZixflowStoreResult,
  ZixflowStatusRecord,
  ZixflowStatusUpdate,
  ZixflowPostbackClaim,
  ZixflowPostbackClaimResult,
  ZixflowSettledSend,
} from './store/zixflow-store.interface';
export type { ZixflowStoreTtlOptions } from './store/zixflow-store-ttl-options.interface';
export { InMemoryZixflowStore, type InMemoryZixflowStoreOptions } from './store/in-memory-zixflow.store';
export { isNewerStatus } from './store/status-order';

// --- Errors --------------------------------------------------------------------------------------------
export * from './errors';
