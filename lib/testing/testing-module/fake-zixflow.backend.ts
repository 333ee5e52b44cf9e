import { randomUUID } from 'node:crypto';
import { AxiosError, AxiosHeaders, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { DELIVERY_REPORT_PATH, SEND_SMS_PATH, SEND_SMS_TEMPLATE_PATH } from '../../zixflow.constants';
import { POSTBACK_TOKEN_QUERY_PARAM } from '../../postback/postback.constants';
import { postbackTokenSend } from '../../postback/auth/postback-token.signer';
import { markRequestSent } from '../../transport/request-sent';
import type { ZixflowTransport } from '../../transport/zixflow-transport.interface';
import { deliveryReportAnswer } from '../delivery-report.answer';
import { nanosecondTimestamp } from '../nanosecond-timestamp';
import { nextSimulatedMessageId } from '../simulated-message-id';
import type { ZixflowScriptedOutcome } from './interfaces/zixflow-scripted-outcome.interface';
import type { ZixflowTestingSend } from './interfaces/zixflow-testing-send.interface';

/** A message the fake queued (accepted, or sent with a lost answer): what reports and postbacks describe. */
export interface FakeMessage {
  requestId: string;
  messageId: string;
  sendId: string | undefined;
  recipient: string;
  postBackUrl: string | undefined;
  postBackData: string;
  channel: string;
  status: string;
  remark: string;
  statusAt: string;
  /** `statusAt` of the newest postback delivered: an older one leaves the report as it is. */
  postbackStatusAt?: string;
}

interface Script {
  outcome: ZixflowScriptedOutcome;
  /** Requests it still answers; Infinity until reset. */
  remaining: number;
}

/** Recipients are matched as sent (digits only), so `+91 98765 43210` scripts `919876543210`. */
export function scriptKey(recipient: string): string {
  return recipient === '*' ? '*' : recipient.replace(/[^0-9]/g, '');
}

function sendIdOf(postBackUrl: string | undefined): string | undefined {
  if (postBackUrl === undefined) return undefined;
  try {
    return postbackTokenSend(new URL(postBackUrl).searchParams.get(POSTBACK_TOKEN_QUERY_PARAM) ?? undefined)
      ?.sendId;
  } catch {
    return undefined;
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A transport that never opens a connection: ZixflowTestingModule answers every request in process. */
export const NO_NETWORK_TRANSPORT: ZixflowTransport = {
  adapter: () => Promise.reject(new Error('ZixflowTestingModule sends nothing over the network')),
  close: () => Promise.resolve(),
  destroy: () => Promise.resolve(),
};

/**
 * The in-process Zixflow behind ZixflowTestingModule. It takes the place of the module's HTTP service
 * (ZIXFLOW_HTTP_SERVICE), so SmsService and its HTTP client run unchanged: validation, retries, error
 * mapping and outcomes are the real ones. Answers are AxiosResponses, failures AxiosErrors, as axios gives them.
 */
export class FakeZixflowBackend {
  readonly sends: ZixflowTestingSend[] = [];
  readonly messages = new Map<string, FakeMessage>();
  private readonly scripts = new Map<string, Script[]>();

  /** `workspaceId`: the module's resolved one, which delivery reports name as Zixflow's do. */
  constructor(
    private readonly workspaceId: string,
    private defaultOutcome: ZixflowScriptedOutcome = { outcome: 'accepted' },
  ) {}

  /** Scripts the answer to the next `times` sends to `recipient` (`'*'`: any recipient without its own). */
  script(recipient: string, outcome: ZixflowScriptedOutcome, times: number): void {
    const key = scriptKey(recipient);
    const list = this.scripts.get(key) ?? [];
    list.push({ outcome, remaining: times });
    this.scripts.set(key, list);
  }

  reset(defaultOutcome: ZixflowScriptedOutcome = { outcome: 'accepted' }): void {
    this.sends.length = 0;
    this.messages.clear();
    this.scripts.clear();
    this.defaultOutcome = defaultOutcome;
  }

  messageBy(ids: { requestId?: string; sendId?: string }): FakeMessage | undefined {
    if (ids.requestId !== undefined) return this.messages.get(ids.requestId);
    return [...this.messages.values()].find((m) => m.sendId !== undefined && m.sendId === ids.sendId);
  }

  // @nestjs/axios' HttpService contract (ZixflowHttpClient calls it so when the service was replaced).
  post(url: string, data: unknown, config: AxiosRequestConfig): Promise<AxiosResponse> {
    if (url !== SEND_SMS_PATH && url !== SEND_SMS_TEMPLATE_PATH) {
      return Promise.reject(this.httpError(config, 404, `Cannot POST ${url}`));
    }
    return Promise.resolve().then(() =>
      this.send(url === SEND_SMS_PATH ? 'message' : 'template', data as Record<string, unknown>, config),
    );
  }

  get(url: string, config: AxiosRequestConfig): Promise<AxiosResponse> {
    if (url !== DELIVERY_REPORT_PATH) return Promise.reject(this.httpError(config, 404, `Cannot GET ${url}`));
    const requestId = (config.params as Record<string, string> | undefined)?.request_id;
    const message = requestId === undefined ? undefined : this.messages.get(requestId);
    if (message === undefined) {
      return Promise.reject(this.httpError(config, 404, 'request_id: no message found for this request id'));
    }
    return Promise.resolve(this.response(config, 200, deliveryReportAnswer(message, this.workspaceId)));
  }

  private send(
    kind: 'message' | 'template',
    body: Record<string, unknown>,
    config: AxiosRequestConfig,
  ): AxiosResponse {
    const recipient = str(body.recipient) ?? '';
    const outcome = this.take(recipient);
    const postBackUrl = str(body.post_back_url);
    const record: ZixflowTestingSend = {
      kind,
      sendId: sendIdOf(postBackUrl),
      recipient,
      senderId: str(body.sender_id) ?? '',
      route: str(body.route) ?? '',
      outcome: outcome.outcome,
      body: structuredClone(body),
      receivedAt: new Date(),
    };
    const optional = {
      message: str(body.message),
      isFlash: typeof body.is_flash === 'boolean' ? body.is_flash : undefined,
      dltEntityId: str(body.dlt_entity_id),
      dltTemplateId: str(body.dlt_template_id),
      templateName: str(body.template_name),
      templateId: str(body.template_id),
      variables: body.variables as Record<string, string> | undefined,
      postBackUrl,
      postBackData: str(body.post_back_data),
    };
    for (const [key, value] of Object.entries(optional)) {
      if (value !== undefined) Object.assign(record, { [key]: value });
    }
    this.sends.push(record);

    if (outcome.outcome === 'rejected') {
      record.errorCode = outcome.code;
      throw this.rejection(outcome, config);
    }
    const requestId = outcome.requestId ?? randomUUID();
    record.requestId = requestId;
    this.messages.set(requestId, {
      requestId,
      messageId: nextSimulatedMessageId(),
      sendId: record.sendId,
      recipient,
      postBackUrl,
      postBackData: record.postBackData ?? '',
      channel: 'sms',
      status: 'queued',
      remark: '',
      statusAt: nanosecondTimestamp(),
    });
    if (outcome.outcome === 'unknown') {
      // Written, then the connection dropped: neither a response nor a "not sent" mark, as undici reports it.
      const error = new AxiosError('socket hang up', 'ECONNRESET', config as never);
      throw markRequestSent(error, true);
    }
    return this.response(config, 200, {
      success: true,
      message: 'SMS request queued successfully',
      request_id: requestId,
    });
  }

  private take(recipient: string): ZixflowScriptedOutcome {
    for (const key of [scriptKey(recipient), '*']) {
      const list = this.scripts.get(key);
      const script = list?.[0];
      if (list === undefined || script === undefined) continue;
      script.remaining -= 1;
      if (script.remaining <= 0) list.shift();
      return script.outcome;
    }
    return this.defaultOutcome;
  }

  private rejection(
    outcome: Extract<ZixflowScriptedOutcome, { outcome: 'rejected' }>,
    config: AxiosRequestConfig,
  ): AxiosError {
    const headers: Record<string, string> = {};
    let status: number;
    if (outcome.code === 'AUTH') {
      status = outcome.status ?? 401;
    } else if (outcome.code === 'RATE_LIMITED') {
      status = 429;
      if (outcome.retryAfterSeconds !== undefined) headers['retry-after'] = String(outcome.retryAfterSeconds);
    } else {
      status = outcome.status ?? 400;
    }
    const message = outcome.message ?? `rejected by ZixflowTesting (${outcome.code})`;
    return this.httpError(config, status, message, headers);
  }

  private httpError(
    config: AxiosRequestConfig,
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ): AxiosError {
    const response = this.response(config, status, { success: false, message }, headers);
    return new AxiosError(
      `Request failed with status code ${status}`,
      status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
      config as never,
      undefined,
      response,
    );
  }

  private response(
    config: AxiosRequestConfig,
    status: number,
    data: unknown,
    headers: Record<string, string> = {},
  ): AxiosResponse {
    return {
      status,
      statusText: '',
      data,
      headers: new AxiosHeaders(headers),
      config: { ...config, headers: new AxiosHeaders() },
    };
  }
}
