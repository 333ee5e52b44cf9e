import {
  Inject,
  Injectable,
  Optional,
  type CanActivate,
  type ExecutionContext,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ZixflowPostbackRejectedError } from '../../errors/zixflow-postback-rejected.error';
import { AdmittedPostback } from './admitted-postback';
import type { ResolvedPostbackConfig } from '../interfaces/resolved-postback-config.interface';
import type { ZixflowPostbackEvent } from '../interfaces/zixflow-postback-event.interface';
import {
  authenticatePostback,
  precheckPostbackToken,
  type PostbackAuthResult,
} from '../auth/postback-authentication';
import { POSTBACK_AUTH_FAILURE_MESSAGES } from '../auth/postback-auth-failure.messages';
import { parsePostbackPayload } from '../parsing/postback-payload.parser';
import { assertPostbackContentType } from './postback-content-type';
import { PostbackRejectionLog } from './postback-rejection.log';
import { postbackRawBody, type RawBodyCarrier } from './postback-raw-body';
import { setPostbackRequestState } from './postback-request-state';
import { PostbackProcessor } from '../processing/postback.processor';
import { postbackRequestToken, type PostbackTokenCarrier } from './postback-request-token';
import { readPostbackToken } from '../auth/postback-token.signer';
import { ZixflowTelemetry } from '../../telemetry/zixflow-telemetry';
import { RawBodyInspector } from './raw-body.inspector';
import { VerifiedTokenCache, type PostbackTokenVerifier } from '../auth/verified-token.cache';
import { ZixflowPostbackHttpException } from './zixflow-postback-http.exception';
import { ZIXFLOW_POSTBACK_CONFIG } from '../zixflow-postback.constants';

interface PostbackHttpRequest extends RawBodyCarrier, PostbackTokenCarrier {
  headers?: Record<string, unknown>;
}

/**
 * Admits a postback only when it is exactly readable, well formed, signed for its recipient (unless
 * `verify: false`) and from our workspace. Refusals are ZixflowPostbackHttpExceptions (400/401/403/413/415, or
 * 500 when the app lacks rawBody): never a crash. Synchronous, so Nest awaits nothing for it. What happens
 * next (dedup, events, the handler) is PostbackProcessor's, run from the handler once every other guard
 * and pipe of the route let the request through.
 */
@Injectable()
export class ZixflowPostbackGuard implements CanActivate, OnApplicationShutdown {
  /** Strangers must not set our log volume: the first refusal of each kind, then a summary per minute. */
  private readonly rejections = new PostbackRejectionLog();
  private readonly verifier: PostbackTokenVerifier | undefined;

  constructor(
    @Inject(ZIXFLOW_POSTBACK_CONFIG) private readonly config: ResolvedPostbackConfig,
    private readonly rawBodyInspector: RawBodyInspector,
    private readonly processor: PostbackProcessor,
    @Optional() private readonly telemetry?: ZixflowTelemetry,
  ) {
    // The cache spares the HMAC for the later postbacks of a message (about 4 µs each, measured).
    this.verifier =
      config.signer === undefined || !config.tokenCache
        ? config.signer
        : new VerifiedTokenCache(config.signer);
  }

  onApplicationShutdown(): void {
    this.rejections.flush();
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<PostbackHttpRequest>();
    try {
      setPostbackRequestState(request, this.authenticate(request));
      return true;
    } catch (error) {
      if (error instanceof ZixflowPostbackHttpException) {
        this.rejections.record(error.getStatus(), error.reason);
        this.telemetry?.postbackRejected(error.getStatus(), error.reason);
      }
      throw error;
    }
  }

  /**
   * In this order: the content type (415) and the token's shape (401), before reading anything; then the
   * size (413) and the schema (400); then the token against the recipient (401) and the workspace (403).
   */
  private authenticate(request: PostbackHttpRequest): AdmittedPostback {
    assertPostbackContentType(request.headers);
    const token = postbackRequestToken(request);
    const { verify, signer } = this.config;
    // Read once: its shape is refused here, and once verified it names the send.
    const reading = readPostbackToken(token);
    refuseUnless(precheckPostbackToken({ token: reading, signer, verify }));
    const raw = postbackRawBody(request, this.rawBodyInspector);
    let event: ZixflowPostbackEvent;
    try {
      // Checks the size (413) before parsing anything.
      event = parsePostbackPayload(raw, {
        maxBodyBytes: this.config.maxBodyBytes,
        documentedLayoutFastPath: this.config.layoutFastPath,
      });
    } catch (error) {
      if (error instanceof ZixflowPostbackRejectedError) {
        throw new ZixflowPostbackHttpException(error.httpStatus, error.reason);
      }
      throw new ZixflowPostbackHttpException(400, 'body could not be parsed');
    }
    refuseUnless(
      authenticatePostback({
        token,
        event,
        workspaceId: this.config.workspaceId,
        signer: this.verifier,
        verify,
      }),
    );
    // Only a verified token vouches for the send it names; with verify off, the URL is anyone's.
    const send = verify && typeof reading !== 'string' ? reading : undefined;
    if (verify) (event as { sendId?: string }).sendId = send?.nonce;
    if (this.config.workspace !== undefined)
      (event as { workspace?: string }).workspace = this.config.workspace;
    return new AdmittedPostback(event, this.processor, send?.issuedAtMs);
  }
}

function refuseUnless(verdict: PostbackAuthResult): void {
  if (!verdict.ok) {
    throw new ZixflowPostbackHttpException(
      verdict.httpStatus,
      POSTBACK_AUTH_FAILURE_MESSAGES[verdict.reason],
    );
  }
}
