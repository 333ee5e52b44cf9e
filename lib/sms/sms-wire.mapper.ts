import type { SendSmsDto } from './dto/send-sms.dto';

/** The documented snake_case body of `POST /api/ingest/sms/v1/message/send`. */
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

/** Maps a validated send to the wire body; absent optional fields are left out, not sent as null. */
export function toSendSmsWireBody(dto: SendSmsDto & { senderId: string; route: string }): SendSmsWireBody {
  const body: SendSmsWireBody = {
    recipient: dto.recipient,
    message: dto.message,
    sender_id: dto.senderId,
    route: dto.route,
  };
  if (dto.isFlash !== undefined) body.is_flash = dto.isFlash;
  if (dto.dltEntityId !== undefined) body.dlt_entity_id = dto.dltEntityId;
  if (dto.dltTemplateId !== undefined) body.dlt_template_id = dto.dltTemplateId;
  if (dto.postBackUrl !== undefined) body.post_back_url = dto.postBackUrl;
  if (dto.postBackData !== undefined) body.post_back_data = dto.postBackData;
  return body;
}
