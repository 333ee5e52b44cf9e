import type { AxiosAdapter } from 'axios';

/** The adapter the module's axios instance uses, and how to release its connections. */
export interface ZixflowTransport {
  adapter: AxiosAdapter | 'http';
  close(): Promise<void>;
}
