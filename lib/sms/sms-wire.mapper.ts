import type { SendSmsDto } from './dto/send-sms.dto';
import type { SendSmsTemplateDto } from './dto/send-sms-template.dto';
import type { SmsBaseDto } from './dto/sms-base.dto';
import type { SendSmsTemplateWireBody, SendSmsWireBody } from './interfaces/sms-wire-body.interface';

type Filled<T> = T & { senderId: string; route: string };

/** The SmsBaseDto fields both bodies share beyond recipient, sender and route; absent ones are left out. */
function addDeliveryFields(
  dto: Pick<SmsBaseDto, 'isFlash' | 'postBackUrl' | 'postBackData'>,
  body: Pick<SendSmsWireBody, 'is_flash' | 'post_back_url' | 'post_back_data'>,
): void {
  if (dto.isFlash !== undefined) body.is_flash = dto.isFlash;
  if (dto.postBackUrl !== undefined) body.post_back_url = dto.postBackUrl;
  if (dto.postBackData !== undefined) body.post_back_data = dto.postBackData;
}

/** Maps a validated send to the wire body; absent optional fields are left out, not sent as null. */
export function toSendSmsWireBody(dto: Filled<SendSmsDto>): SendSmsWireBody {
  const body: SendSmsWireBody = {
    recipient: dto.recipient,
    message: dto.message,
    sender_id: dto.senderId,
    route: dto.route,
  };
  addDeliveryFields(dto, body);
  if (dto.dltEntityId !== undefined) body.dlt_entity_id = dto.dltEntityId;
  if (dto.dltTemplateId !== undefined) body.dlt_template_id = dto.dltTemplateId;
  return body;
}

export function toSendSmsTemplateWireBody(dto: Filled<SendSmsTemplateDto>): SendSmsTemplateWireBody {
  const body: SendSmsTemplateWireBody = {
    recipient: dto.recipient,
    route: dto.route,
    sender_id: dto.senderId,
  };
  if (dto.templateName !== undefined) body.template_name = dto.templateName;
  if (dto.templateId !== undefined) body.template_id = dto.templateId;
  if (dto.variables !== undefined) body.variables = dto.variables;
  addDeliveryFields(dto, body);
  return body;
}
