import { setMaxListeners } from 'node:events';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { isIPv6, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  API_KEY_HEADER,
  DELIVERY_REPORT_PATH,
  SEND_SMS_PATH,
  SEND_SMS_TEMPLATE_PATH,
  WORKSPACE_HEADER,
} from '../zixflow.constants';
import type { PostbackScenario } from './interfaces/postback-scenario.interface';
import type { RecordedPostback } from './interfaces/recorded-postback.interface';
import type { RecordedRequest } from './interfaces/recorded-request.interface';
import type { SimulatedMessage } from './interfaces/simulated-message.interface';
import type { SimulatorFault } from './interfaces/simulator-fault.interface';
import type { ZixflowSimulatorOptions } from './interfaces/zixflow-simulator-options.interface';
import { stringifyWithBigInt } from './json-with-bigint';
import { isLoopbackHost } from './loopback-guard';
import { nanosecondTimestamp } from './nanosecond-timestamp';
import { buildPostbackBody } from './postback-body';
import { deliverPostback } from './postback-delivery';
import { resolvePostbackScenario, type ResolvedPostbackScenario } from './postback-scenario';
import { readRequestBody } from './read-request-body';
import { validateSendBody } from './send-body.validator';
import { nextSimulatedMessageId } from './simulated-message-id';
import {
  DEFAULT_SIMULATOR_API_KEY,
  DEFAULT_SIMULATOR_HOST,
  DEFAULT_SIMULATOR_WORKSPACE_ID,
  SIMULATOR_FLUSH_TIMEOUT_MS,
  SIMULATOR_MAX_BODY_BYTES,
  SIMULATOR_POSTBACK_TIMEOUT_MS,
} from './simulator.constants';

type Endpoint = 'message' | 'template' | 'report';

const ROUTES: Readonly<Record<string, { method: string; endpoint: Endpoint }>> = {
  [SEND_SMS_PATH]: { method: 'POST', endpoint: 'message' },
  [SEND_SMS_TEMPLATE_PATH]: { method: 'POST', endpoint: 'template' },
  [DELIVERY_REPORT_PATH]: { method: 'GET', endpoint: 'report' },
};

const SEND_PATHS: readonly string[] = [SEND_SMS_PATH, SEND_SMS_TEMPLATE_PATH];

const FAULT_KINDS: readonly string[] = [
  'status',
  'delay',
  'stall-after-headers',
  'reset-before-body',
  'reset-after-body',
  'malformed',
  'success-false',
];

/** A response decided but not yet written. */
interface PlannedResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

function json(status: number, payload: unknown, headers?: Record<string, string>): PlannedResponse {
  return { status, body: JSON.stringify(payload), headers };
}

function failure(status: number, message: string, headers?: Record<string, string>): PlannedResponse {
  return json(status, { success: false, message }, headers);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// Object.fromEntries defines own properties, so names like `__proto__` or `toString` are stored safely.
function flattenHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers)
      .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
      .map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]),
  );
}

function firstValues(params: URLSearchParams): Record<string, string> {
  const query = new Map<string, string>();
  for (const [name, value] of params) {
    if (!query.has(name)) query.set(name, value);
  }
  return Object.fromEntries(query);
}

// Constant-time so the simulator is not a worse example than the real thing.
function sameSecret(received: string | undefined, expected: string): boolean {
  if (received === undefined) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function checkFault(fault: SimulatorFault): void {
  if (!FAULT_KINDS.includes(fault.kind)) {
    throw new TypeError(`Unknown simulator fault kind ${JSON.stringify(fault.kind)}`);
  }
  if (
    fault.kind === 'status' &&
    (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599)
  ) {
    throw new RangeError(`Fault status must be an HTTP status (100-599), got ${fault.status}`);
  }
  if ((fault.kind === 'delay' || fault.kind === 'stall-after-headers') && !(fault.ms >= 0)) {
    throw new RangeError(`Fault ms must be >= 0, got ${fault.ms}`);
  }
}

/**
 * A local fake of the Zixflow SMS API for tests and local development.
 *
 * It serves the send, template-send and delivery-report endpoints on a plain `node:http` server, checks the
 * `x-api-key` / `x-workspace-id` headers and request bodies, records every request, can inject faults
 * (error statuses, delays, stalls, connection resets, malformed answers) and sends delivery postbacks
 * (loopback URLs only) whose `message_id` is a raw 64-bit integer, exactly like Zixflow's.
 *
 * @example
 * ```ts
 * const simulator = await new ZixflowSimulator().start();
 * // configure the client with baseUrl: simulator.url, apiKey: simulator.apiKey, workspaceId: simulator.workspaceId
 * simulator.failNext({ kind: 'status', status: 429, retryAfter: '1' });
 * // ... exercise the code under test ...
 * expect(simulator.sends).toHaveLength(1);
 * await simulator.flushPostbacks();
 * await simulator.stop();
 * ```
 */
export class ZixflowSimulator {
  /** API key the simulator accepts. */
  readonly apiKey: string;
  /** Workspace id the simulator accepts and puts in postbacks and reports. */
  readonly workspaceId: string;

  private readonly host: string;
  private readonly requestedPort: number;
  private readonly defaultScenario: ResolvedPostbackScenario;
  private readonly onRequest?: (request: RecordedRequest) => void;

  private server: Server | undefined;
  private stopping: Promise<void> | undefined;
  private readonly sockets = new Set<Socket>();
  /** Aborted by reset() and stop(): cancels timers, scheduled status changes and in-flight postbacks. */
  private work = newWorkController();
  private readonly pendingWork = new Set<Promise<void>>();

  private recorded: RecordedRequest[] = [];
  private recordedPostbacks: RecordedPostback[] = [];
  private faults: SimulatorFault[] = [];
  private readonly scenarios = new Map<string, ResolvedPostbackScenario>();
  private readonly messagesById = new Map<string, SimulatedMessage>();
  private latencyMs = 0;

  /**
   * @param options Credentials to accept, where to listen and the default postback scenario.
   * @throws RangeError / TypeError when the postback scenario or port is invalid.
   */
  constructor(options: ZixflowSimulatorOptions = {}) {
    this.apiKey = options.apiKey ?? DEFAULT_SIMULATOR_API_KEY;
    this.workspaceId = options.workspaceId ?? DEFAULT_SIMULATOR_WORKSPACE_ID;
    this.host = options.host ?? DEFAULT_SIMULATOR_HOST;
    this.requestedPort = options.port ?? 0;
    if (!Number.isInteger(this.requestedPort) || this.requestedPort < 0 || this.requestedPort > 65535) {
      throw new RangeError(`port must be an integer between 0 and 65535, got ${options.port}`);
    }
    this.defaultScenario = resolvePostbackScenario(options.postbacks);
    this.onRequest = options.onRequest;
  }

  /**
   * Starts listening. Resolves with the simulator itself, so `await new ZixflowSimulator().start()` works.
   * @throws when already started or when the port cannot be bound.
   */
  async start(): Promise<this> {
    if (this.server || this.stopping) {
      throw new Error('ZixflowSimulator is already started');
    }
    if (this.work.signal.aborted) {
      this.work = newWorkController();
    }
    const server = createServer((req, res) => this.onHttpRequest(req, res));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.requestedPort, this.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error: unknown) {
      this.server = undefined;
      throw error;
    }
    return this;
  }

  /** Base URL to configure the client with, e.g. `http://127.0.0.1:40123`. @throws when not started. */
  get url(): string {
    const host = isIPv6(this.host) ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}`;
  }

  /** Port actually bound (useful with port 0). @throws when not started. */
  get port(): number {
    const address = this.server?.address();
    if (!address || typeof address === 'string') {
      throw new Error('ZixflowSimulator is not started: await simulator.start() first');
    }
    return address.port;
  }

  /**
   * Stops listening, destroys every open connection (keep-alive ones included), cancels pending timers and
   * postbacks, and resolves once the server is closed. Safe to call twice or before `start()`.
   */
  stop(): Promise<void> {
    const server = this.server;
    if (!server) {
      return this.stopping ?? Promise.resolve();
    }
    this.server = undefined;
    this.stopping = this.shutdown(server).finally(() => {
      this.stopping = undefined;
    });
    return this.stopping;
  }

  /**
   * Forgets recorded requests and postbacks, queued faults, accepted messages, per-recipient scenarios and
   * the default latency, and cancels scheduled status changes and postbacks: the state right after
   * `start()`. The server keeps running on the same port.
   */
  reset(): void {
    this.work.abort();
    this.work = newWorkController();
    this.recorded = [];
    this.recordedPostbacks = [];
    this.faults = [];
    this.messagesById.clear();
    this.scenarios.clear();
    this.latencyMs = 0;
  }

  /**
   * Queues a fault for the next `times` requests to the send, template-send or delivery-report endpoint
   * (right method and path). Faults are consumed first in, first out, one per request, before
   * authentication, so a faulted request never reaches validation unless the fault says it does
   * (`delay`, `stall-after-headers`, `reset-after-body`).
   * @throws TypeError / RangeError for an unknown kind, a bad status or delay, or a non-positive `times`.
   */
  failNext(fault: SimulatorFault, times = 1): this {
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`times must be a positive integer, got ${times}`);
    }
    checkFault(fault);
    for (let i = 0; i < times; i++) {
      this.faults.push({ ...fault });
    }
    return this;
  }

  /** Faults still waiting for a request. */
  get pendingFaults(): SimulatorFault[] {
    return [...this.faults];
  }

  /** Adds `ms` of latency before every answer (0 to disable). Cleared by `reset()`. */
  setDefaultLatency(ms: number): this {
    if (!Number.isInteger(ms) || ms < 0) {
      throw new RangeError(`latency must be a non-negative integer, got ${ms}`);
    }
    this.latencyMs = ms;
    return this;
  }

  /**
   * Sets how messages to `recipient` (or to every recipient without their own scenario, with `'*'`)
   * evolve after being accepted. Applies to messages accepted afterwards. Cleared by `reset()`.
   * @throws RangeError / TypeError when the scenario is invalid.
   */
  setPostbackScenario(recipient: string, scenario: PostbackScenario): this {
    this.scenarios.set(recipient, resolvePostbackScenario(scenario));
    return this;
  }

  /** Every request received since start or the last `reset()`, in arrival order, faults included. */
  get requests(): RecordedRequest[] {
    return [...this.recorded];
  }

  /**
   * Message and template sends the simulator queued, including those whose answer a
   * `reset-after-body` fault then dropped (the SMS "went out" although the client saw an error).
   */
  get sends(): RecordedRequest[] {
    return this.recorded.filter((r) => r.requestId !== undefined && SEND_PATHS.includes(r.path));
  }

  /** Recorded requests whose path (query string ignored) equals `path`. */
  requestsTo(path: string): RecordedRequest[] {
    const wanted = path.split('?')[0];
    return this.recorded.filter((r) => r.path === wanted);
  }

  /** Messages accepted since start or the last `reset()`, with their current state. */
  get messages(): SimulatedMessage[] {
    return [...this.messagesById.values()];
  }

  /** State of the message a send returned `requestId` for. */
  message(requestId: string): SimulatedMessage | undefined {
    return this.messagesById.get(requestId);
  }

  /** Postbacks sent, failed or refused, in the order they were attempted. */
  get postbacks(): RecordedPostback[] {
    return [...this.recordedPostbacks];
  }

  /** Every postback attempt about the message with this request id, in order. */
  postbacksFor(requestId: string): RecordedPostback[] {
    return this.recordedPostbacks.filter((p) => p.requestId === requestId);
  }

  /** The first postback attempt about the message with this request id. */
  postbackFor(requestId: string): RecordedPostback | undefined {
    return this.recordedPostbacks.find((p) => p.requestId === requestId);
  }

  /**
   * Resolves once every scheduled status change has happened and every postback has been delivered or has
   * failed, including those scheduled while waiting.
   * @throws when work is still pending after `timeoutMs` (default 5000).
   */
  async flushPostbacks(timeoutMs: number = SIMULATOR_FLUSH_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pendingWork.size > 0) {
      const remaining = deadline - Date.now();
      const timer = new AbortController();
      const timedOut =
        remaining > 0 ? sleep(remaining, true, { signal: timer.signal }).catch(() => false) : true;
      const expired = await Promise.race([
        Promise.allSettled([...this.pendingWork]).then(() => false),
        timedOut,
      ]);
      timer.abort();
      if (expired) {
        throw new Error(
          `flushPostbacks: ${this.pendingWork.size} background task(s) (status changes or postbacks) still pending after ${timeoutMs} ms`,
        );
      }
    }
  }

  /**
   * POSTs a hand-made postback (e.g. a malformed or duplicated one) to a loopback `url`. Objects are
   * serialized with `bigint` values written as raw integers, so `message_id: 604132581490819101n` works.
   * Never rejects: the outcome is in the returned record (also added to `postbacks`).
   * @throws TypeError (synchronously) when `body` is an object JSON cannot represent.
   */
  sendPostback(body: string | object, url: string): Promise<RecordedPostback> {
    const text = typeof body === 'string' ? body : stringifyWithBigInt(body);
    const attempt = this.postOnce(url, text, undefined, this.work.signal);
    this.track(attempt.then(() => undefined));
    return attempt;
  }

  private async shutdown(server: Server): Promise<void> {
    this.work.abort();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    for (const socket of this.sockets) {
      socket.destroy();
    }
    this.sockets.clear();
    await closed;
    await Promise.allSettled([...this.pendingWork]);
  }

  private track(task: Promise<void>): void {
    const tracked = task
      .catch((error: unknown) => console.warn('ZixflowSimulator: background task failed', error))
      .finally(() => this.pendingWork.delete(tracked));
    this.pendingWork.add(tracked);
  }

  /** Waits unless the current work is cancelled; false when it was. */
  private async pause(ms: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return false;
    if (ms <= 0) return true;
    try {
      await sleep(ms, undefined, { signal });
      return true;
    } catch {
      return false;
    }
  }

  private onHttpRequest(req: IncomingMessage, res: ServerResponse): void {
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
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const signal = this.work.signal;
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const method = req.method ?? 'GET';
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: firstValues(url.searchParams),
      headers: flattenHeaders(req),
      rawBody: '',
      body: undefined,
      receivedAt: new Date(),
      response: undefined,
    };
    this.recorded.push(record);

    const route = ROUTES[url.pathname];
    const endpoint = route?.method === method ? route.endpoint : undefined;
    const fault = endpoint ? this.faults.shift() : undefined;

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
    if (!(await this.pause(this.latencyMs, signal))) {
      this.drop(req, record);
      return;
    }
    if (fault?.kind === 'delay' && !(await this.pause(fault.ms, signal))) {
      this.drop(req, record);
      return;
    }

    let planned: PlannedResponse;
    if (fault?.kind === 'status') {
      const headers = fault.retryAfter === undefined ? undefined : { 'retry-after': fault.retryAfter };
      planned = failure(
        fault.status,
        fault.message ?? STATUS_CODES[fault.status] ?? 'Simulated failure',
        headers,
      );
    } else if (fault?.kind === 'success-false') {
      planned = json(200, { success: false, message: fault.message ?? 'Request could not be processed' });
    } else if (fault?.kind === 'malformed') {
      planned = { status: 200, body: '{"success":true,"message":"SMS request queued' };
    } else if (route === undefined) {
      planned = failure(404, `Cannot ${method} ${url.pathname}`);
    } else if (endpoint === undefined) {
      planned = failure(405, `Method ${method} not allowed on ${url.pathname}`, { allow: route.method });
    } else {
      planned = this.answer(endpoint, url, record, tooLarge, signal);
    }

    if (fault?.kind === 'reset-after-body') {
      this.drop(req, record);
    } else if (fault?.kind === 'stall-after-headers') {
      await this.writeStalled(res, record, planned, fault.ms, signal);
    } else {
      this.write(res, record, planned);
    }
  }

  private answer(
    endpoint: Endpoint,
    url: URL,
    record: RecordedRequest,
    tooLarge: boolean,
    signal: AbortSignal,
  ): PlannedResponse {
    const authorized =
      sameSecret(record.headers[API_KEY_HEADER], this.apiKey) &&
      sameSecret(record.headers[WORKSPACE_HEADER], this.workspaceId);
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
    const message = this.accept(endpoint, record.body as Record<string, unknown>, signal);
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
    const message = this.messagesById.get(requestId);
    if (!message) {
      return failure(404, 'request_id: no message found for this request id');
    }
    return json(200, {
      success: true,
      message: 'Delivery report fetched successfully',
      data: {
        channel: message.channel,
        message_id: message.messageId,
        recipient: message.recipient,
        request_id: message.requestId,
        status: message.status,
        statusAt: message.statusAt,
        remark: message.remark,
        workspace_id: this.workspaceId,
      },
    });
  }

  private accept(
    endpoint: 'message' | 'template',
    body: Record<string, unknown>,
    signal: AbortSignal,
  ): SimulatedMessage {
    const recipient = body.recipient as string;
    const scenario = this.scenarios.get(recipient) ?? this.scenarios.get('*') ?? this.defaultScenario;
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
    this.messagesById.set(message.requestId, message);
    this.track(this.runLifecycle(message, scenario, signal));
    return message;
  }

  /** Advances the message through its scenario and sends its postbacks, one at a time per message. */
  private async runLifecycle(
    message: SimulatedMessage,
    scenario: ResolvedPostbackScenario,
    signal: AbortSignal,
  ): Promise<void> {
    const url = message.postBackUrl;
    const held: string[] = [];
    let deliveries = Promise.resolve();
    const enqueue = (body: string): void => {
      deliveries = deliveries.then(() =>
        this.deliverCopies(url ?? '', body, message.requestId, scenario, signal),
      );
    };
    try {
      for (const step of scenario.steps) {
        if (!(await this.pause(scenario.delayMs, signal))) return;
        message.status = step.status;
        message.remark = step.remark;
        message.statusAt = nanosecondTimestamp();
        if (url === undefined) continue;
        const body = buildPostbackBody({
          workspaceId: this.workspaceId,
          messageId: message.messageId,
          requestId: message.requestId,
          channel: message.channel,
          recipient: message.recipient,
          status: message.status,
          remark: message.remark,
          statusAt: message.statusAt,
          postBackData: message.postBackData,
        });
        if (scenario.reorder) {
          held.unshift(body);
        } else {
          enqueue(body);
        }
      }
      held.forEach(enqueue);
    } finally {
      await deliveries;
    }
  }

  private async deliverCopies(
    url: string,
    body: string,
    requestId: string,
    scenario: ResolvedPostbackScenario,
    signal: AbortSignal,
  ): Promise<void> {
    for (let copy = 0; copy <= scenario.duplicates && !signal.aborted; copy++) {
      await this.postOnce(url, body, requestId, signal);
    }
  }

  private async postOnce(
    url: string,
    body: string,
    requestId: string | undefined,
    signal: AbortSignal,
  ): Promise<RecordedPostback> {
    const record: RecordedPostback = requestId === undefined ? { url, body } : { url, body, requestId };
    this.recordedPostbacks.push(record);
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      record.error = 'invalid URL';
      return record;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      record.error = `unsupported protocol ${target.protocol}`;
      return record;
    }
    if (!isLoopbackHost(target.hostname)) {
      // A test double must never reach out to the network, whatever URL the code under test sent.
      record.refused = true;
      record.error = `refused: ${target.hostname} is not a loopback host`;
      return record;
    }
    Object.assign(
      record,
      await deliverPostback(target, body, { signal, timeoutMs: SIMULATOR_POSTBACK_TIMEOUT_MS }),
    );
    return record;
  }

  private write(res: ServerResponse, record: RecordedRequest | undefined, planned: PlannedResponse): void {
    if (record) record.response = { status: planned.status };
    res.writeHead(planned.status, this.headersFor(planned));
    res.end(planned.body);
    this.notify(record);
  }

  private async writeStalled(
    res: ServerResponse,
    record: RecordedRequest,
    planned: PlannedResponse,
    ms: number,
    signal: AbortSignal,
  ): Promise<void> {
    record.response = { status: planned.status };
    const bytes = Buffer.from(planned.body);
    const split = Math.max(1, Math.floor(bytes.length / 2));
    res.writeHead(planned.status, this.headersFor(planned));
    res.write(bytes.subarray(0, split));
    if (await this.pause(ms, signal)) {
      res.end(bytes.subarray(split));
    } else {
      res.destroy();
    }
    this.notify(record);
  }

  private headersFor(planned: PlannedResponse): Record<string, string | number> {
    return {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(planned.body),
      ...planned.headers,
    };
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
    this.notify(record);
  }

  private notify(record: RecordedRequest | undefined): void {
    if (!record || !this.onRequest) return;
    try {
      this.onRequest(record);
    } catch {
      // A logging callback must not break the simulator.
    }
  }
}

/** Cancels the simulator's pending work; every pause listens to it, so it carries many listeners on purpose. */
function newWorkController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
