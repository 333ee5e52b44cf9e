/**
 * The documented snake_case body of `POST /api/ingest/sms/v1/message/send`: what SmsService sends, and what the
 * simulator accepts and records.
 */
export interface SendSmsWireBody {
  recipient: string;
  message: string;
  sender_id: string;
  route: string;
  is_flash?: boolean;
  dlt_entity_id?: string;
  dlt_template_id?: string;
  post_back_url?: string;
  post_back_data?: string;
}

/**
 * The documented body of `POST /api/ingest/sms/v1/template/send` (no DLT fields there): what SmsService sends,
 * and what the simulator accepts and records.
 */
export interface SendSmsTemplateWireBody {
  recipient: string;
  route: string;
  sender_id: string;
  template_name?: string;
  template_id?: string;
  variables?: Record<string, string>;
  is_flash?: boolean;
  post_back_url?: string;
  post_back_data?: string;
}
