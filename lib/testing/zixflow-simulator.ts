import { isIPv6 } from 'node:net';
import type { PostbackScenario } from './interfaces/postback-scenario.interface';
import type { RecordedPostback } from './interfaces/recorded-postback.interface';
import type { RecordedRequest } from './interfaces/recorded-request.interface';
import type { SimulatorSendBody } from './interfaces/simulator-send-body.interface';
import type { SimulatedMessage } from './interfaces/simulated-message.interface';
import type { SimulatorFault } from './interfaces/simulator-fault.interface';
import type { ZixflowSimulatorOptions } from './interfaces/zixflow-simulator-options.interface';
import { stringifyWithBigInt } from './json-with-bigint';
import { resolvePostbackScenario, type ResolvedPostbackScenario } from './postback-scenario';
import { resolvePostbackRetry } from './postback-retry';
import {
  DEFAULT_SIMULATOR_API_KEY,
  DEFAULT_SIMULATOR_HOST,
  DEFAULT_SIMULATOR_WORKSPACE_ID,
  SIMULATOR_FLUSH_TIMEOUT_MS,
} from './simulator.constants';
import { SimulatorFaultPlan } from './simulator-fault.plan';
import { SimulatorHttpServer } from './simulator-http.server';
import { SimulatorPostbackScheduler } from './simulator-postback.scheduler';
import { SimulatorRecorder } from './simulator-recorder';
import { SimulatorRoutes } from './simulator-routes';

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

  private readonly http = new SimulatorHttpServer();
  private stopping: Promise<void> | undefined;
  private readonly recorder: SimulatorRecorder;
  private readonly faults = new SimulatorFaultPlan();
  private readonly scheduler: SimulatorPostbackScheduler;
  private readonly routes: SimulatorRoutes;
  private readonly scenarios = new Map<string, ResolvedPostbackScenario>();
  private latencyMs = 0;

  /**
   * @param options - Credentials to accept, where to listen and the default postback scenario.
   * @throws RangeError / TypeError when the postback scenario, the postback retry delays or the port is invalid.
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
    this.recorder = new SimulatorRecorder(options.onRequest);
    this.scheduler = new SimulatorPostbackScheduler(
      this.workspaceId,
      this.recorder,
      resolvePostbackRetry(options.postbackRetry),
    );
    this.routes = new SimulatorRoutes({
      apiKey: this.apiKey,
      workspaceId: this.workspaceId,
      recorder: this.recorder,
      faults: this.faults,
      scheduler: this.scheduler,
      latencyMs: () => this.latencyMs,
      scenarioFor: (recipient) =>
        this.scenarios.get(recipient) ?? this.scenarios.get('*') ?? this.defaultScenario,
    });
  }

  /**
   * Starts listening. Resolves with the simulator itself, so `await new ZixflowSimulator().start()` works.
   * @throws when already started or when the port cannot be bound.
   */
  async start(): Promise<this> {
    if (this.http.listening || this.stopping) {
      throw new Error('ZixflowSimulator is already started');
    }
    this.scheduler.resume();
    await this.http.listen(this.requestedPort, this.host, this.routes.listener);
    return this;
  }

  /** Base URL to configure the client with, e.g. `http://127.0.0.1:40123`. @throws when not started. */
  get url(): string {
    const host = isIPv6(this.host) ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}`;
  }

  /** Port actually bound (useful with port 0). @throws when not started. */
  get port(): number {
    const port = this.http.port;
    if (port === undefined) {
      throw new Error('ZixflowSimulator is not started: await simulator.start() first');
    }
    return port;
  }

  /**
   * Stops listening, destroys every open connection (keep-alive ones included), cancels pending timers and
   * postbacks, and resolves once the server is closed. Safe to call twice or before `start()`.
   */
  stop(): Promise<void> {
    if (!this.http.listening) {
      return this.stopping ?? Promise.resolve();
    }
    this.scheduler.abort();
    const closed = this.http.close();
    this.stopping = closed
      .then(() => this.scheduler.settled())
      .finally(() => {
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
    this.scheduler.cancel();
    this.recorder.clear();
    this.faults.clear();
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
    this.faults.add(fault, times);
    return this;
  }

  /** Faults still waiting for a request. */
  get pendingFaults(): SimulatorFault[] {
    return this.faults.pending;
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
    return this.recorder.requests;
  }

  /**
   * Message and template sends the simulator queued, including those whose answer a
   * `reset-after-body` fault then dropped (the SMS "went out" although the client saw an error).
   */
  get sends(): RecordedRequest<SimulatorSendBody>[] {
    return this.recorder.sends;
  }

  /** Recorded requests whose path (query string ignored) equals `path`. */
  requestsTo(path: string): RecordedRequest[] {
    return this.recorder.requestsTo(path);
  }

  /** Messages accepted since start or the last `reset()`, with their current state. */
  get messages(): SimulatedMessage[] {
    return this.recorder.messages;
  }

  /** State of the message a send returned `requestId` for. */
  message(requestId: string): SimulatedMessage | undefined {
    return this.recorder.message(requestId);
  }

  /** Postbacks sent, failed or refused, in the order they were attempted. */
  get postbacks(): RecordedPostback[] {
    return this.recorder.postbacks;
  }

  /** Every postback attempt about the message with this request id, in order. */
  postbacksFor(requestId: string): RecordedPostback[] {
    return this.recorder.postbacksFor(requestId);
  }

  /** The first postback attempt about the message with this request id. */
  postbackFor(requestId: string): RecordedPostback | undefined {
    return this.recorder.postbackFor(requestId);
  }

  /**
   * Resolves once every scheduled status change has happened and every postback has been delivered or has
   * failed, including those scheduled while waiting.
   * @throws when work is still pending after `timeoutMs` (default 5000).
   */
  flushPostbacks(timeoutMs: number = SIMULATOR_FLUSH_TIMEOUT_MS): Promise<void> {
    return this.scheduler.flush(timeoutMs);
  }

  /**
   * POSTs a hand-made postback (e.g. a malformed or duplicated one) to a loopback `url`. Objects are
   * serialized with `bigint` values written as raw integers, so `message_id: 604132581490819101n` works.
   * Never rejects: the outcome is in the returned record (also added to `postbacks`).
   * @throws TypeError (synchronously) when `body` is an object JSON cannot represent.
   */
  sendPostback(body: string | object, url: string): Promise<RecordedPostback> {
    const text = typeof body === 'string' ? body : stringifyWithBigInt(body);
    return this.scheduler.send(url, text);
  }
}
