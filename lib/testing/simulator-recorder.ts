import type { IncomingMessage } from 'node:http';
import { SEND_SMS_PATH, SEND_SMS_TEMPLATE_PATH } from '../zixflow.constants';
import type { RecordedPostback } from './interfaces/recorded-postback.interface';
import type { RecordedRequest } from './interfaces/recorded-request.interface';
import type { SimulatorSendBody } from './interfaces/simulator-send-body.interface';
import type { SimulatedMessage } from './interfaces/simulated-message.interface';

const SEND_PATHS: readonly string[] = [SEND_SMS_PATH, SEND_SMS_TEMPLATE_PATH];

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

/** What the simulator saw and did: requests, accepted messages and postback attempts, in order. */
export class SimulatorRecorder {
  private requestLog: RecordedRequest[] = [];
  private postbackLog: RecordedPostback[] = [];
  private readonly messagesById = new Map<string, SimulatedMessage>();

  constructor(private readonly onRequest?: (request: RecordedRequest) => void) {}

  /** Records a request as it arrives; the handler fills in body, response and request id later. */
  arrived(req: IncomingMessage, url: URL): RecordedRequest {
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: firstValues(url.searchParams),
      headers: flattenHeaders(req),
      rawBody: '',
      body: undefined,
      receivedAt: new Date(),
      response: undefined,
    };
    this.requestLog.push(record);
    return record;
  }

  /** The exchange is over (answered or dropped): tells the `onRequest` callback. */
  finished(record: RecordedRequest | undefined): void {
    if (!record || !this.onRequest) return;
    try {
      this.onRequest(record);
    } catch {
      // A logging callback must not break the simulator.
    }
  }

  accepted(message: SimulatedMessage): void {
    this.messagesById.set(message.requestId, message);
  }

  postback(record: RecordedPostback): void {
    this.postbackLog.push(record);
  }

  clear(): void {
    this.requestLog = [];
    this.postbackLog = [];
    this.messagesById.clear();
  }

  get requests(): RecordedRequest[] {
    return [...this.requestLog];
  }

  /** Only accepted sends have a request id, and only a validated body is accepted: its type is the documented one. */
  get sends(): RecordedRequest<SimulatorSendBody>[] {
    return this.requestLog.filter(
      (r): r is RecordedRequest<SimulatorSendBody> =>
        r.requestId !== undefined && SEND_PATHS.includes(r.path),
    );
  }

  requestsTo(path: string): RecordedRequest[] {
    const wanted = path.split('?')[0];
    return this.requestLog.filter((r) => r.path === wanted);
  }

  get messages(): SimulatedMessage[] {
    return [...this.messagesById.values()];
  }

  message(requestId: string): SimulatedMessage | undefined {
    return this.messagesById.get(requestId);
  }

  get postbacks(): RecordedPostback[] {
    return [...this.postbackLog];
  }

  postbacksFor(requestId: string): RecordedPostback[] {
    return this.postbackLog.filter((p) => p.requestId === requestId);
  }

  postbackFor(requestId: string): RecordedPostback | undefined {
    return this.postbackLog.find((p) => p.requestId === requestId);
  }
}
