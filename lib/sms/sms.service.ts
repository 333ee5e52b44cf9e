import { Inject, Injectable } from '@nestjs/common';
import { SEND_SMS_PATH, ZIXFLOW_RESOLVED_OPTIONS } from '../zixflow.constants';
import type { ZixflowResolvedOptions } from '../interfaces/zixflow-resolved-options.interface';
import { ZixflowApiError } from '../errors/zixflow-api.error';
import { ZixflowError } from '../errors/zixflow.error';
import type { ZixflowFieldError } from '../errors/zixflow-validation.error';
import { ZixflowEvent } from '../events/zixflow-event';
import { SmsQueuedEvent } from '../events/sms-queued.event';
import { SmsSendFailedEvent } from '../events/sms-send-failed.event';
import { ZixflowEventPublisher } from '../events/zixflow-event.publisher';
import { ZixflowHttpClient } from '../transport/zixflow-http.client';
import { PostbackUrlService } from '../postback/postback-url.service';
import type { ApiSuccessBody } from '../transport/api-response.parser';
import { maskRecipient } from '../utils/redact';
import { SendSmsDto } from './dto/send-sms.dto';
import type { SendOptions } from './interfaces/send-options.interface';
import type { SmsSendResult } from './interfaces/sms-send-result.interface';
import { toSendSmsWireBody } from './sms-wire.mapper';
import { validateInput } from './validate-input';

/** Anything with the fields of SendSmsDto: a DTO instance or a plain object. */
export type SendSmsInput = SendSmsDto | { [K in keyof SendSmsDto]: SendSmsDto[K] };

function requireSenderAndRoute(dto: { senderId?: string; route?: string }): ZixflowFieldError[] {
  const errors: ZixflowFieldError[] = [];
  if (dto.senderId === undefined) {
    errors.push({ field: 'senderId', reasons: ['senderId is required: pass it or set defaults.senderId'] });
  }
  if (dto.route === undefined) {
    errors.push({ field: 'route', reasons: ['route is required: pass it or set defaults.route'] });
  }
  return errors;
}

@Injectable()
export class SmsService {
  constructor(
    private readonly client: ZixflowHttpClient,
    @Inject(ZIXFLOW_RESOLVED_OPTIONS) private readonly options: ZixflowResolvedOptions,
    private readonly events: ZixflowEventPublisher,
    private readonly postbackUrls: PostbackUrlService,
  ) {}

  /**
   * Sends one SMS. Input is validated first: a bad field rejects with ZixflowValidationError and nothing is sent.
   * Resolves when Zixflow queued the message (not when it is delivered: see postbacks).
   */
  async send(input: SendSmsInput, options: SendOptions = {}): Promise<SmsSendResult> {
    const dto = validateInput(SendSmsDto, input, {
      defaults: this.options.defaults as Partial<SendSmsDto>,
      extra: requireSenderAndRoute,
    }) as SendSmsDto & { senderId: string; route: string };
    // A caller's own postBackUrl wins; otherwise sign one when the module has a public URL and a secret.
    dto.postBackUrl ??= this.postbackUrls.urlFor(dto.recipient);
    const body = toSendSmsWireBody(dto);
    let response: ApiSuccessBody;
    try {
      response = await this.client.post(SEND_SMS_PATH, body, options);
    } catch (error) {
      this.publishFailure(error, dto.recipient, 'message', dto.postBackData);
      throw error;
    }
    const result = this.toResult(response);
    this.events.emit(
      ZixflowEvent.SmsQueued,
      new SmsQueuedEvent(
        result.requestId,
        maskRecipient(dto.recipient),
        dto.senderId,
        dto.route,
        1,
        'message',
        dto.postBackData,
        result.message,
      ),
    );
    return result;
  }

  private toResult(response: ApiSuccessBody): SmsSendResult {
    if (typeof response.request_id !== 'string' || response.request_id === '') {
      // Accepted but unidentifiable: the SMS may be queued, so this must not be retried blindly.
      throw new ZixflowApiError('Zixflow reported success without a request_id', 200, response.message);
    }
    return { requestId: response.request_id, message: response.message };
  }

  private publishFailure(error: unknown, recipient: string, kind: 'message' | 'template', data?: string): void {
    if (error instanceof ZixflowError) {
      this.events.emit(ZixflowEvent.SmsSendFailed, new SmsSendFailedEvent(error, maskRecipient(recipient), kind, data));
    }
  }
}
