import type { ServerResponse } from 'node:http';

/** A response decided but not yet written. */
export interface PlannedResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export function json(status: number, payload: unknown, headers?: Record<string, string>): PlannedResponse {
  return { status, body: JSON.stringify(payload), headers };
}

/** Zixflow's error shape: `{ success: false, message }`. */
export function failure(status: number, message: string, headers?: Record<string, string>): PlannedResponse {
  return json(status, { success: false, message }, headers);
}

export function headersFor(planned: PlannedResponse): Record<string, string | number> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(planned.body),
    ...planned.headers,
  };
}

export function writePlanned(res: ServerResponse, planned: PlannedResponse): void {
  res.writeHead(planned.status, headersFor(planned));
  res.end(planned.body);
}
