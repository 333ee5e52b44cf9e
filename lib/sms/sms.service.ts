import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  DELIVERY_REPORT_PATH,
  SEND_SMS_PATH,
  SEND_SMS_TEMPLATE_PATH,
  ZIXFLOW_RESOLVED_OPTIONS,
  ZIXFLOW_STORE,
} from '../zixflow.constants';
import type { ZixflowResolvedOptions } from '../interfaces/zixflow-resolved-options.interface';
import { ZIXFLOW_WORKSPACE } from '../workspace/zixflow-workspace.constants';
import { ZixflowApiError } from '../errors/zixflow-api.error';
import { ZixflowError } from '../errors/zixflow.error';
import { ZixflowErrorCode } from '../errors/zixflow-error-code.enum';
import { ZixflowNotFoundError } from '../errors/zixflow-not-found.error';
import { ZixflowValidationError, type ZixflowFieldError } from '../errors/zixflow-validation.error';
import { ZixflowEvent } from '../events/zixflow-event';
import { SmsQueuedEvent } from '../events/sms-queued.event';
import { SmsSendFailedEvent } from '../events/sms-send-failed.event';
import type { ZixflowStore } from '../store/zixflow-store.interface';
import { UnknownOutcomeRecorder } from './outcome/unknown-outcome.recorder';
import { resolveSendOutcome } from './outcome/send-outcome.resolver';
import { DeliveryStatusReader } from './delivery-status.reader';
import { newSendId } from './send-id';
import type {
  ResolveOutcomeOptions,
  SendOutcomeResolution,
} from './outcome/send-outcome-resolution.interface';
import { ZixflowEventPublisher } from '../events/zixflow-event.publisher';
import { PostbackUrlService } from '../postback/auth/postback-url.service';
import type { DltTemplateValues } from '../dlt/dlt-template.renderer';
import { ZixflowHttpClient } from '../transport/zixflow-http.client';
import type { ApiSuccessBody } from '../transport/api-response.parser';
import { abortableDelay } from '../transport/abortable-delay';
import { ZixflowAbortedError } from '../errors/zixflow-aborted.error';
import { maskRecipient } from '../utils/redact';
import { SendSmsDto } from './dto/send-sms.dto';
import { SendSmsTemplateDto } from './dto/send-sms-template.dto';
import type { SendOptions } from './interfaces/send-options.interface';
import type { SmsSendResult } from './interfaces/sms-send-result.interface';
import type { DeliveryReport } from './interfaces/delivery-report.interface';
import type { DeliveryStatusUpdate, WaitForStatusOptions } from './interfaces/wait-for-status.interface';
import { previewSms } from './preview/sms-preview';
import type { SmsPreview } from './preview/sms-preview.interface';
import type { SmsEncoding } from './preview/sms-encoding';
import { ZixflowTelemetry } from '../telemetry/zixflow-telemetry';
import { SmsComplianceChecker } from './sms-compliance.checker';
import { parseDeliveryReport } from './delivery-report.parser';
import { toSendSmsTemplateWireBody, toSendSmsWireBody } from './sms-wire.mapper';
import { checkInput, validateInput } from './validate-input';
import {
  collectBulkResults,
  streamBulkSends,
  type BulkInput,
  type BulkSendItemResult,
  type BulkSendOptions,
} from './bulk';

/** Anything with the fields of SendSmsDto: a DTO instance or a plain object. */
export type SendSmsInput = SendSmsDto | { [K in keyof SendSmsDto]: SendSmsDto[K] };
/** Anything with the fields of SendSmsTemplateDto. */
export type SendSmsTemplateInput =
  SendSmsTemplateDto | { [K in keyof SendSmsTemplateDto]: SendSmsTemplateDto[K] };
/** Fields of a DLT send besides the rendered text and the ids, which come from the registered template. */
export type SendDltOptions = SendOptions &
  Partial<Pick<SendSmsDto, 'senderId' | 'route' | 'isFlash' | 'postBackUrl' | 'postBackData'>>;

type Filled<T> = T & { senderId: string; route: string };

/** What prepareSend computed: the DTO with sender id and route filled in, its number of SMS parts and encoding. */
interface PreparedSend {
  dto: Filled<SendSmsDto>;
  segments: number;
  encoding: SmsEncoding | undefined;
}
type Kind = 'message' | 'template';

/** Shared result for "no errors" on the send path (never mutated: callers copy out of it). */
const NO_ERRORS: readonly ZixflowFieldError[] = Object.freeze([]);
const NO_SKIP: readonly string[] = Object.freeze([]);

interface RecipientStep {
  override?: { recipient: string };
  skip: readonly string[];
  errors: readonly ZixflowFieldError[];
}

/** recipientStep's answer when the recipient is valid and left unchanged: one shared object, not one per send. */
const RECIPIENT_AS_IS: RecipientStep = Object.freeze({
  override: undefined,
  skip: NO_SKIP,
  errors: NO_ERRORS,
});

function requireSenderAndRoute(dto: { senderId?: string; route?: string }): readonly ZixflowFieldError[] {
  if (dto.senderId !== undefined && dto.route !== undefined) return NO_ERRORS;
  const errors: ZixflowFieldError[] = [];
  if (dto.senderId === undefined) {
    errors.push({ field: 'senderId', reasons: ['senderId is required: pass it or set defaults.senderId'] });
  }
  if (dto.route === undefined) {
    errors.push({ field: 'route', reasons: ['route is required: pass it or set defaults.route'] });
  }
  return errors;
}

/** Sends SMS through Zixflow and reads their delivery status. Inject it anywhere ZixflowModule is visible. */
@Injectable()
export class SmsService {
  /** fastPaths.precompiledValidation: decide valid input with class-validator's rules pre-resolved. */
  private readonly precompiledValidation: boolean;
  /** The instance's name, on its events; undefined for the unnamed instance. */
  private readonly workspace: string | undefined;

  /** @internal Nest's injector builds it: inject `SmsService`, never construct it. */
  constructor(
    private readonly client: ZixflowHttpClient,
    @Inject(ZIXFLOW_RESOLVED_OPTIONS) private readonly options: ZixflowResolvedOptions,
    private readonly events: ZixflowEventPublisher,
    private readonly postbackUrls: PostbackUrlService,
    private readonly compliance: SmsComplianceChecker,
    @Inject(ZIXFLOW_STORE) private readonly store: ZixflowStore,
    private readonly unknownOutcomes: UnknownOutcomeRecorder,
    private readonly statuses: DeliveryStatusReader,
    private readonly telemetry: ZixflowTelemetry,
    @Optional() @Inject(ZIXFLOW_WORKSPACE) workspace?: string | null,
  ) {
    this.workspace = workspace ?? undefined;
    this.precompiledValidation = options.fastPaths?.precompiledValidation !== false;
  }

  /**
   * Sends one SMS. Every check runs first (fields, recipient, DLT template, sender id, length): a bad input
   * rejects with ZixflowValidationError naming each failing field, and nothing is sent.
   * Resolves when Zixflow queued the message, not when it is delivered: see postbacks and `waitForStatus`.
   */
  send(input: SendSmsInput, options: SendOptions = {}): Promise<SmsSendResult> {
    // Not `async`: sendChecked already returns a promise (and never throws synchronously).
    return this.sendChecked(input, options, newSendId());
  }

  /**
   * Sends many SMS, at most `concurrency` (default 16) at a time, pulling from `inputs` only when a slot is free.
   * Resolves with one result per item, ordered by input index: one bad item never rejects the call.
   * Rejects with ZixflowBulkAbortedError (its `results` hold every started item) when `signal` aborts, and with the
   * input's own error when the iterator throws, in both cases after the sends in flight settled.
   */
  sendMany(inputs: BulkInput<SendSmsInput>, options: BulkSendOptions = {}): Promise<BulkSendItemResult[]> {
    return collectBulkResults(this.streamMany(inputs, options));
  }

  /**
   * Like sendMany, but yields each result (with its `index`) as soon as it settles, and stops pulling from
   * `inputs` while more than `concurrency` results wait to be read. Lazy: nothing is sent until iterated.
   * On abort, yields what settled and then throws ZixflowAbortedError.
   */
  streamMany(
    inputs: BulkInput<SendSmsInput>,
    options: BulkSendOptions = {},
  ): AsyncIterable<BulkSendItemResult> {
    return streamBulkSends(inputs, (input, sendOptions) => this.send(input, sendOptions), options);
  }

  /**
   * Sends the DLT template registered under `key` (`dlt.templates`) with its `{#var#}`s filled in order,
   * and its entity and template ids.
   */
  async sendDlt(
    key: string,
    values: DltTemplateValues,
    recipient: string,
    options: SendDltOptions = {},
  ): Promise<SmsSendResult> {
    const sendId = newSendId();
    const template = this.compliance.dlt.getByKey(key);
    if (!template) {
      throw withSendId(
        new ZixflowValidationError([
          { field: 'templateKey', reasons: [`no DLT template is registered under the key "${key}"`] },
        ]),
        sendId,
      );
    }
    const { signal, timeoutMs, retry, ...fields } = options;
    let message: string;
    try {
      message = this.compliance.dlt.render(key, values);
    } catch (error) {
      throw withSendId(error, sendId);
    }
    const input: SendSmsInput = {
      route: template.route,
      ...fields,
      recipient,
      message,
      dltTemplateId: template.templateId,
      dltEntityId: template.entityId ?? this.options.defaults.dltEntityId,
    };
    return this.sendChecked(input, { signal, timeoutMs, retry }, sendId, key);
  }

  /** Renders the DLT template registered under `key` without sending it. */
  renderDltTemplate(key: string, values: DltTemplateValues): string {
    return this.compliance.dlt.render(key, values);
  }

  /** Sends a template managed in Zixflow's dashboard, by `templateName` or `templateId`. */
  async sendTemplate(input: SendSmsTemplateInput, options: SendOptions = {}): Promise<SmsSendResult> {
    const sendId = newSendId();
    try {
      return await this.sendTemplateChecked(input, options, sendId);
    } catch (error) {
      throw withSendId(error, sendId);
    }
  }

  private async sendTemplateChecked(
    input: SendSmsTemplateInput,
    options: SendOptions,
    sendId: string,
  ): Promise<SmsSendResult> {
    const recipient = this.recipientStep(input);
    const dto = validateInput(SendSmsTemplateDto, input, {
      defaults: { senderId: this.options.defaults.senderId, route: this.options.defaults.route },
      override: recipient.override,
      skip: recipient.skip,
      precompiled: this.precompiledValidation,
      extra: (d) => [
        ...recipient.errors,
        ...requireSenderAndRoute(d),
        ...this.variableErrors(d.variables),
        ...(d.templateName !== undefined && d.templateId !== undefined
          ? [{ field: 'templateId', reasons: ['give templateName or templateId, not both'] }]
          : []),
        ...(d.senderId !== undefined && d.route !== undefined
          ? this.compliance.check({ recipient: d.recipient, senderId: d.senderId, route: d.route }).errors
          : []),
      ],
    }) as Filled<SendSmsTemplateDto>;
    await this.promotionalWindow(dto.recipient, dto.route, options.signal);
    dto.postBackUrl ??= this.postbackUrls.urlFor(dto.recipient, sendId);
    return this.post(
      SEND_SMS_TEMPLATE_PATH,
      toSendSmsTemplateWireBody(dto),
      options,
      dto,
      'template',
      undefined,
      undefined,
      sendId,
    );
  }

  /**
   * The latest status Zixflow has for a request. An unknown id (or one Zixflow has not processed yet)
   * rejects with ZixflowNotFoundError (code NOT_FOUND). Reads are idempotent, so they are retried on
   * timeouts and 5xx too.
   */
  async getDeliveryReport(requestId: string, options: SendOptions = {}): Promise<DeliveryReport> {
    if (typeof requestId !== 'string' || requestId.trim() === '') {
      throw new ZixflowValidationError([
        { field: 'requestId', reasons: ['requestId must be a non-empty string'] },
      ]);
    }
    let response: ApiSuccessBody;
    try {
      response = await this.client.get(DELIVERY_REPORT_PATH, {
        ...options,
        params: { request_id: requestId },
        retry: { unsafe: true, ...options.retry },
        lossless: true,
      });
    } catch (error) {
      if (error instanceof ZixflowApiError && error.status === 404) {
        throw new ZixflowNotFoundError(
          `delivery report for request ${requestId}`,
          error.apiMessage,
          error.request,
        );
      }
      throw error;
    }
    return parseDeliveryReport(response.data, requestId);
  }

  /**
   * Resolves with the first of `statuses` (default: any final status) for a request: from a postback as
   * soon as one arrives, or from the delivery report, polled meanwhile. Rejects with ZixflowWaitTimeoutError.
   */
  waitForStatus(requestId: string, options: WaitForStatusOptions = {}): Promise<DeliveryStatusUpdate> {
    return this.statuses.waitFor(requestId, options, (id, signal) => this.getDeliveryReport(id, { signal }));
  }

  /**
   * The latest status known for a request: the store's (the newest postback any instance sharing it
   * received, never replaced by an older or a non-final one), else Zixflow's delivery report, which
   * rejects with ZixflowNotFoundError for a request Zixflow does not know yet.
   */
  async getStatus(requestId: string, options: SendOptions = {}): Promise<DeliveryStatusUpdate> {
    if (typeof requestId !== 'string' || requestId.trim() === '') {
      throw new ZixflowValidationError([
        { field: 'requestId', reasons: ['requestId must be a non-empty string'] },
      ]);
    }
    return this.statuses.latest(requestId, (id) => this.getDeliveryReport(id, options));
  }

  /**
   * Settles a send that rejected with `outcome: 'unknown'` (its error carries `sendId`): resolves
   * `{ state: 'queued', requestId }` as soon as a postback naming the send reaches any instance sharing the
   * store (or at once, if one already did), or `{ state: 'unresolved' }` after `timeoutMs` (default 60 000).
   * Needs postbacks: the module must sign them (`postback.publicUrl` and `postback.secret`) and receive them.
   */
  resolveOutcome(sendId: string, options: ResolveOutcomeOptions = {}): Promise<SendOutcomeResolution> {
    return resolveSendOutcome(sendId, options, this.store);
  }

  /** Encoding, length and number of SMS parts of a text, exactly as it will be billed. */
  preview(text: string): SmsPreview {
    return previewSms(text);
  }

  /**
   * @internal For `nestjs-zixflow/queue`: every check `send` runs (fields, recipient, DLT, compliance, the
   * promotional window's refusal), nothing sent. Throws ZixflowValidationError; otherwise returns how many ms
   * the promotional window still holds the send back (0 when it may go now).
   */
  checkSend(input: SendSmsInput): number {
    const { dto } = this.prepareSend(input, undefined);
    const delay = this.compliance.promotionalDelay(dto.recipient, dto.route);
    if (typeof delay === 'object') throw new ZixflowValidationError([delay]);
    return delay;
  }

  /**
   * @internal For `nestjs-zixflow/queue`: `send` under a `sendId` fixed earlier (when the job was enqueued), so
   * its postbacks and `resolveOutcome` name the job's send whichever worker sends it.
   */
  sendAs(sendId: string, input: SendSmsInput, options: SendOptions = {}): Promise<SmsSendResult> {
    return this.sendChecked(input, options, sendId);
  }

  /**
   * @internal For `nestjs-zixflow/queue`: records a send of unknown outcome as pending in this instance's store, so
   * its postback settles it (a job redelivered mid-send is one; `send` records its own).
   */
  recordUnknownOutcome(sendId: string): void {
    this.unknownOutcomes.record(sendId);
  }

  /** @internal For `nestjs-zixflow/queue`: publishes on this instance's event bus (`zixflow.queue.*`). */
  publish(name: string, payload: unknown): void {
    this.events.emit(name, payload);
  }

  /** @internal For `nestjs-zixflow/queue`: whether `publish(name, ...)` would reach anyone (else skip the payload). */
  publishes(name: string): boolean {
    return this.events.listens(name);
  }

  private async sendChecked(
    input: SendSmsInput,
    options: SendOptions,
    sendId: string,
    templateKey?: string,
  ): Promise<SmsSendResult> {
    let prepared: PreparedSend;
    try {
      prepared = this.prepareSend(input, templateKey);
      // Awaited only when there is a wait: an await of nothing still costs the hot path microtask turns.
      const window = this.promotionalWindow(prepared.dto.recipient, prepared.dto.route, options.signal);
      if (window !== undefined) await window;
    } catch (error) {
      throw withSendId(error, sendId);
    }
    const { dto, segments, encoding } = prepared;
    // A caller's own postBackUrl wins; otherwise sign one when the module has a public URL and a secret.
    dto.postBackUrl ??= this.postbackUrls.urlFor(dto.recipient, sendId);
    return this.post(
      SEND_SMS_PATH,
      toSendSmsWireBody(dto),
      options,
      dto,
      'message',
      segments,
      encoding,
      sendId,
    );
  }

  /**
   * Every check of a send, in order: recipient normalization, class-validator's rules, sender id and route
   * (from the input or the defaults), then compliance (DLT, sender-id rules, length). Throws one
   * ZixflowValidationError listing every failure; else returns the filled DTO and its number of SMS parts.
   */
  private prepareSend(input: SendSmsInput, templateKey: string | undefined): PreparedSend {
    const recipient = this.recipientStep(input);
    const { dto, errors } = checkInput(SendSmsDto, input, {
      defaults: this.options.defaults as Partial<SendSmsDto>,
      override: recipient.override,
      skip: recipient.skip,
      precompiled: this.precompiledValidation,
    });
    const missing = requireSenderAndRoute(dto);
    let segments = 1;
    let encoding: SmsEncoding | undefined;
    let compliance: readonly ZixflowFieldError[] = NO_ERRORS;
    if (dto.senderId !== undefined && dto.route !== undefined && typeof dto.message === 'string') {
      const checked = this.compliance.check({
        recipient: dto.recipient,
        message: dto.message,
        senderId: dto.senderId,
        route: dto.route,
        dltTemplateId: dto.dltTemplateId,
        templateKey,
      });
      segments = checked.preview?.segments ?? 1;
      encoding = checked.preview?.encoding;
      compliance = checked.errors;
    }
    if (errors !== undefined || recipient.errors.length > 0 || missing.length > 0 || compliance.length > 0) {
      throw new ZixflowValidationError([...(errors ?? []), ...recipient.errors, ...missing, ...compliance]);
    }
    return { dto: dto as Filled<SendSmsDto>, segments, encoding };
  }

  private async post(
    path: string,
    body: object,
    options: SendOptions,
    dto: Filled<{ recipient: string; postBackData?: string }>,
    kind: Kind,
    segments: number | undefined,
    encoding: SmsEncoding | undefined,
    sendId: string,
  ): Promise<SmsSendResult> {
    let response: ApiSuccessBody;
    // Undefined unless an OpenTelemetry SDK is registered: then a span and metrics for this send.
    const observer = this.telemetry.startSend(kind, dto.route, dto.recipient, segments, encoding, sendId);
    try {
      response = await (observer === undefined
        ? this.client.post(path, body, options)
        : observer.run(() => this.client.post(path, body, { ...options, onRetry: observer.onRetry })));
      const result = this.toResult(response, sendId);
      observer?.queued(result.requestId);
      this.events.emit(
        ZixflowEvent.SmsQueued,
        new SmsQueuedEvent(
          result.requestId,
          maskRecipient(dto.recipient),
          dto.senderId,
          dto.route,
          segments,
          kind,
          dto.postBackData,
          result.message,
          sendId,
          this.workspace,
        ),
      );
      return result;
    } catch (error) {
      withSendId(error, sendId);
      observer?.failed(error);
      if (error instanceof ZixflowError) {
        // Recorded before the event, so a listener that calls resolveOutcome finds the send pending.
        if (error.outcome === 'unknown') this.unknownOutcomes.record(sendId);
        this.events.emit(
          ZixflowEvent.SmsSendFailed,
          new SmsSendFailedEvent(
            error,
            maskRecipient(dto.recipient),
            kind,
            dto.postBackData,
            sendId,
            this.workspace,
          ),
        );
      }
      throw error;
    }
  }

  /** Normalizes the recipient (when configured) and says how validation should treat it. */
  private recipientStep(input: unknown): RecipientStep {
    const raw =
      input !== null && typeof input === 'object' ? (input as { recipient?: unknown }).recipient : undefined;
    const normalized = this.compliance.normalizeRecipient(raw);
    if (normalized.errors.length > 0) return { skip: ['recipient'], errors: normalized.errors };
    if (typeof normalized.recipient !== 'string') return RECIPIENT_AS_IS;
    return { override: { recipient: normalized.recipient }, skip: NO_SKIP, errors: NO_ERRORS };
  }

  private variableErrors(variables: unknown): ZixflowFieldError[] {
    if (variables === null || typeof variables !== 'object') return [];
    return Object.entries(variables)
      .filter(([, value]) => typeof value !== 'string')
      .map(([name]) => ({ field: `variables.${name}`, reasons: ['each variable value must be a string'] }));
  }

  /** Throws when the send is refused outright; a promise only when it must wait, else undefined. */
  private promotionalWindow(
    recipient: string,
    route: string,
    signal?: AbortSignal,
  ): Promise<void> | undefined {
    const delay = this.compliance.promotionalDelay(recipient, route);
    if (typeof delay === 'object') throw new ZixflowValidationError([delay]);
    if (delay > 0) {
      return abortableDelay(delay, signal).catch(() => {
        throw new ZixflowAbortedError('not_sent');
      });
    }
    return undefined;
  }

  private toResult(response: ApiSuccessBody, sendId: string): SmsSendResult {
    if (typeof response.request_id !== 'string' || response.request_id === '') {
      // Accepted but unidentifiable: the SMS may be queued, so this must not be retried blindly.
      throw new ZixflowApiError(
        'Zixflow reported success without a request_id',
        200,
        response.message,
        undefined,
        ZixflowErrorCode.ApiError,
        'unknown',
      );
    }
    return { requestId: response.request_id, message: response.message, sendId };
  }
}

/** Marks `error` (when it is ours) with the send it belongs to; returns it, for `throw withSendId(...)`. */
function withSendId(error: unknown, sendId: string): unknown {
  if (error instanceof ZixflowError && error.sendId === undefined) error.sendId = sendId;
  return error;
}
