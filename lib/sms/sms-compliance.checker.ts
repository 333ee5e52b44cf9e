import { Inject, Injectable } from '@nestjs/common';
import { ZIXFLOW_RESOLVED_OPTIONS } from '../zixflow.constants';
import type { ZixflowResolvedOptions } from '../interfaces/zixflow-resolved-options.interface';
import { ZixflowValidationError, type ZixflowFieldError } from '../errors/zixflow-validation.error';
import { DltTemplateRegistry } from '../dlt/dlt-template.registry';
import { checkIndianSenderId } from '../dlt/indian-sender-id';
import { isIndianRecipient } from '../dlt/indian-recipient';
import { promotionalWindowStatus } from '../dlt/promotional-window';
import { normalizeRecipient, resolveRecipientCountry } from '../phone';
import { previewSms } from './preview/sms-preview';
import type { SmsPreview } from './preview/sms-preview.interface';
import { SmsRoute } from './sms-route.enum';

/** What a check needs to know about one send. */
export interface ComplianceInput {
  recipient: string;
  message?: string;
  senderId: string;
  route: string;
  dltTemplateId?: string;
  templateKey?: string;
}

/**
 * Checks that happen before a send, beyond field shapes: recipient normalization, DLT template match,
 * Indian sender-id rules, the promotional window and the segment cap. Configured once at boot
 * (bad templates or country fail the app there).
 */
@Injectable()
export class SmsComplianceChecker {
  readonly dlt: DltTemplateRegistry;
  private readonly country: string | undefined;

  constructor(@Inject(ZIXFLOW_RESOLVED_OPTIONS) private readonly options: ZixflowResolvedOptions) {
    // The environment is read by loadZixflowOptionsFromEnv/zixflowConfig, never implicitly here.
    this.dlt = DltTemplateRegistry.fromOptions(options.dlt ?? {}, {});
    const country = options.recipients?.defaultCountry;
    this.country = country !== undefined ? resolveRecipientCountry(country) : undefined;
  }

  /**
   * Normalizes a raw recipient when `recipients.defaultCountry` is set (`+91 98765-43210` -> `919876543210`);
   * returns it unchanged otherwise, leaving the DTO's strict digits rule to judge it.
   */
  normalizeRecipient(recipient: unknown): { recipient: unknown; errors: ZixflowFieldError[] } {
    if (this.country === undefined || typeof recipient !== 'string') return { recipient, errors: [] };
    try {
      return { recipient: normalizeRecipient(recipient, this.country), errors: [] };
    } catch (error) {
      if (error instanceof ZixflowValidationError) return { recipient, errors: error.errors };
      throw error;
    }
  }

  /** Field errors for the DLT, sender-id and length rules; empty when the send may go. */
  check(input: ComplianceInput): { errors: ZixflowFieldError[]; preview: SmsPreview | undefined } {
    const errors: ZixflowFieldError[] = [];
    const preview = input.message !== undefined ? previewSms(input.message) : undefined;
    if (input.message !== undefined) {
      try {
        this.dlt.check(input.message, {
          dltTemplateId: input.dltTemplateId,
          templateKey: input.templateKey,
          senderId: input.senderId,
          route: input.route as SmsRoute,
        });
      } catch (error) {
        if (!(error instanceof ZixflowValidationError)) throw error;
        errors.push(...error.errors);
      }
    }
    if (this.options.dlt?.senderIdCheck && isIndianRecipient(input.recipient)) {
      const reasons = checkIndianSenderId(input.senderId, input.route as SmsRoute);
      if (reasons) errors.push({ field: 'senderId', reasons });
    }
    const max = this.options.maxSegments;
    if (max !== undefined && preview && preview.segments > max) {
      errors.push({
        field: 'message',
        reasons: [
          `is ${preview.segments} SMS parts (${preview.encoding}, ${preview.length} units); maxSegments is ${max}`,
        ],
      });
    }
    return { errors, preview };
  }

  /**
   * For promotional sends to Indian numbers outside 09:00–21:00 IST: with `promotionalWindow: 'reject'` an
   * error, with `'defer'` the number of ms to wait until the window opens; otherwise 0.
   */
  promotionalDelay(recipient: string, route: string, at?: Date): number | ZixflowFieldError {
    const mode = this.options.dlt?.promotionalWindow ?? 'off';
    if (mode === 'off' || route !== SmsRoute.Promotional || !isIndianRecipient(recipient)) return 0;
    // The clock is read only here: most sends are not promotional SMS to India.
    const now = at ?? new Date();
    const window = promotionalWindowStatus(now);
    if (window.open) return 0;
    if (mode === 'reject') {
      return {
        field: 'route',
        reasons: [
          `promotional SMS to Indian numbers may only be sent 09:00–21:00 IST; the window opens at ${window.opensAt.toISOString()}`,
        ],
      };
    }
    return window.opensAt.getTime() - now.getTime();
  }
}
