/** The body of a send the simulator accepted on `POST /api/ingest/sms/v1/message/send` (validated: the documented fields). */
export interface SimulatorSendSmsBody {
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

/** The body of a send the simulator accepted on `POST /api/ingest/sms/v1/template/send`. */
export interface SimulatorSendSmsTemplateBody {
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

/** The body of an accepted send: which one it is shows in `RecordedRequest.path` (or `'message' in body`). */
export type SimulatorSendBody = SimulatorSendSmsBody | SimulatorSendSmsTemplateBody;
