import type { SendSmsTemplateWireBody, SendSmsWireBody } from '../../sms/interfaces/sms-wire-body.interface';

// The wire format is written once, in lib/sms; the simulator's public names are aliases of it.
export type {
  SendSmsWireBody as SimulatorSendSmsBody,
  SendSmsTemplateWireBody as SimulatorSendSmsTemplateBody,
} from '../../sms/interfaces/sms-wire-body.interface';

/** The body of an accepted send: which one it is shows in `RecordedRequest.path` (or `'message' in body`). */
export type SimulatorSendBody = SendSmsWireBody | SendSmsTemplateWireBody;
