import type { PostbackTokenSigner } from '../auth/postback-token.signer';

/** `postback` options after defaults are merged; what the guard and interceptor read per request. */
export interface ResolvedPostbackConfig {
  /** False: accept unsigned postbacks (the workspace is still checked). */
  readonly verify: boolean;
  /** True: await listeners and answer 500 when one throws. */
  readonly ackAfterListeners: boolean;
  readonly maxBodyBytes: number;
  /** False: the plain path only (no documented-layout pattern, no verified-token cache). */
  readonly fastPaths: boolean;
  /** False: RawBodyInspector leaves Nest's adapter alone (no startup check of rawBody). */
  readonly detectRawBody: boolean;
  readonly dedupTtlMs: number;
  /** The workspace this app sends from; postbacks for any other answer 403. */
  readonly workspaceId: string;
  /** Undefined when no secret is configured (then every signed check fails closed). */
  readonly signer: PostbackTokenSigner | undefined;
}
