export { ZixflowModule } from './zixflow.module';
export { ZIXFLOW_MODULE_OPTIONS, type ZixflowOptionsFactory } from './zixflow.module-definition';
export {
  DEFAULT_BASE_URL,
  ZIXFLOW_HTTP_SERVICE,
  ZIXFLOW_RESOLVED_OPTIONS,
} from './zixflow.constants';
export * from './interfaces/zixflow-module-options.interface';
export * from './interfaces/zixflow-resolved-options.interface';
export * from './interfaces/zixflow-retry-options.interface';
export * from './interfaces/zixflow-postback-options.interface';
export * from './interfaces/zixflow-dlt-options.interface';
export * from './errors';
export { SmsService, type SendSmsInput } from './sms/sms.service';
export { SmsRoute } from './sms/sms-route.enum';
export { SendSmsDto } from './sms/dto/send-sms.dto';
export type { SmsSendResult } from './sms/interfaces/sms-send-result.interface';
export type { SendOptions } from './sms/interfaces/send-options.interface';
export { ZixflowEvent, postbackEventName, type ZixflowEventName } from './events/zixflow-event';
export { SmsQueuedEvent } from './events/sms-queued.event';
export { SmsSendFailedEvent } from './events/sms-send-failed.event';
export { loadZixflowOptionsFromEnv } from './config/load-zixflow-env';
export { resolveZixflowOptions } from './config/resolve-zixflow-options';
export type { PostbackDedupStore } from './postback/dedup/postback-dedup-store.interface';
