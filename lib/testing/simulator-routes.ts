import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  API_KEY_HEADER,
  DELIVERY_REPORT_PATH,
  SEND_SMS_PATH,
  SEND_SMS_TEMPLATE_PATH,
  WORKSPACE_HEADER,
} from '../zixflow.constants';
import type { RecordedRequest } from './interfaces/recorded-request.interface';
import type { SimulatedMessage } from './interfaces/simulated-message.interface';
import { pauseUnlessAborted } from './cancellable-pause';
import { deliveryReportAnswer } from './delivery-report.answer';
import { nanosecondTimestamp } from './nanosecond-timestamp';
import { failure, headersFor, json, writePlanned, type PlannedResponse } from './planned-response';
import type { ResolvedPostbackScenario } from './postback-scenario';
import { readRequestBody } from './read-request-body';
import { validateSendBody } from './send-body.validator';
import { nextSimulatedMessageId } from './simulated-message-id';
import { SIMULATOR_MAX_BODY_BYTES } from './simulator.constants';
import { faultAnswer, type SimulatorFaultPlan } from './simulator-fault.plan';
import type { SimulatorPostbackScheduler } from './simulator-postback.scheduler';
import type { SimulatorRecorder } from './simulator-recorder';

type Endpoint = 'message' | 'template' | 'report';

const ROUTES: Readonly<Record<string, { method: string; endpoint: Endpoint }>> = {
  [SEND_SMS_PATH]: { method: 'POST', endpoint: 'message' },
  [SEND_SMS_TEMPLATE_PATH]: { method: 'POST', endpoint: 'template' },
  [DELIVERY_REPORT_PATH]: { method: 'GET', endpoint: 'report' },
};

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// Constant-time so the simulator is not a worse example than the real thing.
function sameSecret(received: string | undefined, expected: string): boolean {
  if (received === undefined) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What the routes read from the simulator; latency and scenarios change while it runs. */
export interface SimulatorRouteContext {
  apiKey: string;
  workspaceId: string;
  recorder: SimulatorRecorder;
  faults: SimulatorFaultPlan;
  scheduler: SimulatorPostbackScheduler;
  latencyMs(): number;
  scenarioFor(recipient: string): ResolvedPostbackScenario;
}

/** The simulated Zixflow endpoints: records, applies the next fault, authenticates, validates and answers. */
export class SimulatorRoutes {
  constructor(private readonly sim: SimulatorRouteContext) {}

  /** The `node:http` request listener. */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    // A client that vanished must not surface as an unhandled 'error' event.
    res.on('error', () => undefined);
    this.handle(req, res).catch((error: unknown) => {
      console.warn('ZixflowSimulator: request handling failed', error);
      if (!res.headersSent) {
        this.write(res, undefined, failure(500, 'Simulator internal error'));
      } else {
        res.destroy();
      }
    });
  };

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const signal = this.sim.scheduler.signal;
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const record = this.sim.recorder.arrived(req, url);
    const method = record.method;

    const route = ROUTES[url.pathname];
    const endpoint = route?.method === method ? route.endpoint : undefined;
    const fault = endpoint ? this.sim.faults.take() : undefined;

    if (fault?.kind === 'reset-before-body') {
      this.drop(req, record);
      return;
    }
    let tooLarge: boolean;
    try {
      const read = await readRequestBody(req, SIMULATOR_MAX_BODY_BYTES);
      record.rawBody = read.text;
      record.body = parseJson(read.text);
      tooLarge = read.tooLarge;
    } catch {
      this.drop(req, record);
      return;
    }
    if (!(await pauseUnlessAborted(this.sim.latencyMs(), signal))) {
      this.drop(req, record);
      return;
    }
    if (fault?.kind === 'delay' && !(await pauseUnlessAborted(fault.ms, signal))) {
      this.drop(req, record);
      return;
    }

    let planned = faultAnswer(fault);
    if (planned === undefined) {
      if (route === undefined) {
        planned = failure(404, `Cannot ${method} ${url.pathname}`);
      } else if (endpoint === undefined) {
        planned = failure(405, `Method ${method} not allowed on ${url.pathname}`, { allow: route.method });
      } else {
        planned = this.answer(endpoint, url, record, tooLarge);
      }
    }

    if (fault?.kind === 'reset-after-body') {
      this.drop(req, record);
    } else if (fault?.kind === 'stall-after-headers') {
      await this.writeStalled(res, record, planned, fault.ms, signal);
    } else {
      this.write(res, record, planned);
    }
  }

  private answer(endpoint: Endpoint, url: URL, record: RecordedRequest, tooLarge: boolean): PlannedResponse {
    const authorized =
      sameSecret(record.headers[API_KEY_HEADER], this.sim.apiKey) &&
      sameSecret(record.headers[WORKSPACE_HEADER], this.sim.workspaceId);
    if (!authorized) {
      return failure(401, 'Invalid API key or workspace');
    }
    if (endpoint === 'report') {
      return this.report(url);
    }
    if (tooLarge) {
      return failure(413, `body: must not exceed ${SIMULATOR_MAX_BODY_BYTES} bytes`);
    }
    if (record.body === undefined) {
      return failure(400, 'body: must be valid JSON');
    }
    const problem = validateSendBody(endpoint, record.body);
    if (problem) {
      return failure(400, problem);
    }
    const message = this.accept(endpoint, record.body as Record<string, unknown>);
    record.requestId = message.requestId;
    return json(200, {
      success: true,
      message: 'SMS request queued successfully',
      request_id: message.requestId,
    });
  }

  private report(url: URL): PlannedResponse {
    const requestId = url.searchParams.get('request_id');
    if (!requestId) {
      return failure(400, 'request_id: is required');
    }
    const message = this.sim.recorder.message(requestId);
    if (!message) {
      return failure(404, 'request_id: no message found for this request id');
    }
    return json(200, deliveryReportAnswer(message, this.sim.workspaceId));
  }

  private accept(endpoint: 'message' | 'template', body: Record<string, unknown>): SimulatedMessage {
    const recipient = body.recipient as string;
    const scenario = this.sim.scenarioFor(recipient);
    const message: SimulatedMessage = {
      requestId: randomUUID(),
      messageId: nextSimulatedMessageId(),
      endpoint,
      recipient,
      channel: scenario.channel,
      status: 'queued',
      remark: '',
      statusAt: nanosecondTimestamp(),
      postBackUrl: typeof body.post_back_url === 'string' ? body.post_back_url : undefined,
      postBackData: typeof body.post_back_data === 'string' ? body.post_back_data : '',
      body: { ...body },
    };
    this.sim.recorder.accepted(message);
    this.sim.scheduler.schedule(message, scenario);
    return message;
  }

  private write(res: ServerResponse, record: RecordedRequest | undefined, planned: PlannedResponse): void {
    if (record) record.response = { status: planned.status, answeredAt: new Date() };
    writePlanned(res, planned);
    this.sim.recorder.finished(record);
  }

  private async writeStalled(
    res: ServerResponse,
    record: RecordedRequest,
    planned: PlannedResponse,
    ms: number,
    signal: AbortSignal,
  ): Promise<void> {
    record.response = { status: planned.status, answeredAt: new Date() };
    const bytes = Buffer.from(planned.body);
    const split = Math.max(1, Math.floor(bytes.length / 2));
    res.writeHead(planned.status, headersFor(planned));
    res.write(bytes.subarray(0, split));
    if (await pauseUnlessAborted(ms, signal)) {
      res.end(bytes.subarray(split));
    } else {
      res.destroy();
    }
    this.sim.recorder.finished(record);
  }

  /** Ends the exchange without an answer: a reset (RST) where the platform allows it. */
  private drop(req: IncomingMessage, record: RecordedRequest): void {
    const socket = req.socket;
    if (!socket.destroyed) {
      if (typeof socket.resetAndDestroy === 'function') {
        socket.resetAndDestroy();
      } else {
        socket.destroy();
      }
    }
    this.sim.recorder.finished(record);
  }
}
