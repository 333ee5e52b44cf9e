export const DEFAULT_BASE_URL = 'https://api-ai.zixflow.com';
export const SEND_SMS_PATH = '/api/ingest/sms/v1/message/send';
export const SEND_SMS_TEMPLATE_PATH = '/api/ingest/sms/v1/template/send';
export const DELIVERY_REPORT_PATH = '/api/data/messages/v1/delivery-report';
/** Header names Zixflow authenticates with; their values are redacted everywhere. */
export const API_KEY_HEADER = 'x-api-key';
export const WORKSPACE_HEADER = 'x-workspace-id';
/** Token of the options after defaults are merged and checked. */
export const ZIXFLOW_RESOLVED_OPTIONS = 'ZIXFLOW_RESOLVED_OPTIONS';
/** Token of the `@nestjs/axios` HttpService the module sends through; inject it to add interceptors. */
export const ZIXFLOW_HTTP_SERVICE = 'ZIXFLOW_HTTP_SERVICE';
/** Token of the transport (axios adapter and its connection pool). */
export const ZIXFLOW_TRANSPORT = 'ZIXFLOW_TRANSPORT';
/** Token of the ZixflowStore in use: the `store` option, or an InMemoryZixflowStore. */
export const ZIXFLOW_STORE = 'ZIXFLOW_STORE';
