import type { PostbackTokenSigner } from '../auth/postback-token.signer';

/** `postback` options after defaults are merged; what the guard and interceptor read per request. */
export interface ResolvedPostbackConfig {
  /** False: accept unsigned postbacks (the workspace is still checked). */
  readonly verify: boolean;
  /** True: await listeners and answer 500 when one throws. */
  readonly ackAfterListeners: boolean;
  readonly maxBodyBytes: number;
  /** `fastPaths.postbackLayout`. False: every body is read by lossless-json (no layout pattern). */
  readonly layoutFastPath: boolean;
  /** `fastPaths.postbackTokenCache`. False: every token is checked by HMAC (no verified-token cache). */
  readonly tokenCache: boolean;
  /** False: RawBodyInspector leaves Nest's adapter alone (no startup check of rawBody). */
  readonly detectRawBody: boolean;
  /** The workspace this app sends from; postbacks for any other answer 403. */
  readonly workspaceId: string;
  /** The instance's name (`forRoot({ name })`), set on its events; undefined for the unnamed instance. */
  readonly workspace?: string;
  /** Undefined when no secret is configured (then every signed check fails closed). */
  readonly signer: PostbackTokenSigner | undefined;
}
