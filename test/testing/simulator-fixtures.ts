import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_KEY_HEADER, WORKSPACE_HEADER } from '../../lib/zixflow.constants';
import { call, type ClientResponse } from './http-client';

export const API_KEY = 'sim-key-123';
export const WORKSPACE = 'ws-42';
export const AUTH = { [API_KEY_HEADER]: API_KEY, [WORKSPACE_HEADER]: WORKSPACE };

export const VALID_SEND = {
  recipient: '919876543210',
  message: 'Your code is 1234',
  sender_id: 'ZIXFLW',
  route: 'transactional',
};

export const VALID_TEMPLATE = {
  recipient: '919876543210',
  route: 'otp',
  sender_id: 'ZIXFLW',
  template_name: 'otp_v1',
  variables: { code: '1234' },
};

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = AUTH,
): Promise<ClientResponse> {
  return call(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface ReceivedPostback {
  raw: string;
  headers: IncomingMessage['headers'];
  /** When the body was read (Date.now()). */
  at: number;
}

/** A loopback postback receiver on a random port. */
export class PostbackReceiver {
  readonly received: ReceivedPostback[] = [];
  status = 200;
  /** Statuses for the next postbacks, first in first out; `status` once it is empty. */
  readonly answers: number[] = [];
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.received.push({
        raw: Buffer.concat(chunks).toString('utf8'),
        headers: req.headers,
        at: Date.now(),
      });
      res.writeHead(this.answers.shift() ?? this.status).end();
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/zixflow/postback`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
