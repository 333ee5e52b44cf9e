import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ZIXFLOW_RESOLVED_OPTIONS } from '../zixflow.constants';
import type { ZixflowResolvedOptions } from '../interfaces/zixflow-resolved-options.interface';
import type { ResolvedPostbackConfig } from './interfaces/resolved-postback-config.interface';
import { PostbackHandlerExplorer } from './http/postback-handler.explorer';
import { RAW_BODY_FIX, RawBodyInspector } from './http/raw-body.inspector';
import {
  ZIXFLOW_POSTBACK_CONFIG,
  ZIXFLOW_POSTBACK_LOGGER_CONTEXT,
  ZIXFLOW_POSTBACK_MOUNT_PATH,
} from './zixflow-postback.constants';

/**
 * Says at startup, once, what would otherwise only show as refused postbacks: a missing rawBody, a missing
 * secret, `verify: false`, a `postback.path` the module could not mount. It only logs.
 */
@Injectable()
export class PostbackStartupChecker implements OnApplicationBootstrap {
  private readonly logger: Logger;

  constructor(
    @Inject(ZIXFLOW_RESOLVED_OPTIONS) private readonly options: ZixflowResolvedOptions,
    @Inject(ZIXFLOW_POSTBACK_CONFIG) private readonly config: ResolvedPostbackConfig,
    @Inject(ZIXFLOW_POSTBACK_MOUNT_PATH) private readonly mountPath: string | null,
    private readonly explorer: PostbackHandlerExplorer,
    private readonly rawBody: RawBodyInspector,
  ) {
    // With several instances, each says which one it speaks of.
    const workspace = config.workspace;
    this.logger = new Logger(
      workspace === undefined
        ? ZIXFLOW_POSTBACK_LOGGER_CONTEXT
        : `${ZIXFLOW_POSTBACK_LOGGER_CONTEXT}:${workspace}`,
    );
  }

  onApplicationBootstrap(): void {
    this.checkMountPath();
    if (!this.config.verify) {
      this.logger.warn(
        'postback.verify is false: postbacks are accepted without a token; only workspace_id is checked. ' +
          'Anyone who learns the URL can forge delivery statuses.',
      );
    }
    const handlers = this.explorer.findHandlers(this.config.workspace);
    this.checkPublicUrl(handlers);
    if (handlers.length === 0) return;
    const where = handlers.join(', ');
    if (this.rawBody.state === 'disabled') {
      this.logger.error(
        `Postback handlers (${where}) need the raw request body, but the app was created without rawBody: ` +
          `every postback will be answered 500. Fix: ${RAW_BODY_FIX} ` +
          '(with Fastify: NestFactory.create(AppModule, new FastifyAdapter(), { rawBody: true })).',
      );
    } else if (this.rawBody.state === 'unknown' && this.config.detectRawBody) {
      this.logger.warn(
        `Could not tell whether rawBody is enabled (bodyParser: false?). Postback handlers (${where}) answer 500 ` +
          `to any postback without req.rawBody; ${RAW_BODY_FIX}.`,
      );
    }
    if (this.config.verify && this.config.signer === undefined) {
      this.logger.error(
        `Postback handlers (${where}) verify a token but no postback.secret is set (env ZIXFLOW_POSTBACK_SECRET): ` +
          'every postback will be answered 401.',
      );
    }
  }

  /** A secret or handlers without a public URL: sends carry no post_back_url, so no postback ever arrives. */
  private checkPublicUrl(handlers: readonly string[]): void {
    const postback = this.options.postback;
    if (postback?.publicUrl !== undefined) return;
    const reason =
      postback?.secret !== undefined
        ? 'a postback secret is set'
        : this.config.verify && handlers.length > 0
          ? `postback handlers exist (${handlers.join(', ')})`
          : undefined;
    if (reason === undefined) return;
    this.logger.warn(
      `${reason}, but postback.publicUrl is not (env ZIXFLOW_POSTBACK_URL): sends go out without post_back_url, ` +
        'so no postback will arrive. Set it to the public URL of your postback route.',
    );
  }

  private checkMountPath(): void {
    const configured = this.options.postback?.path;
    if (configured === undefined || configured === this.mountPath) return;
    this.logger.warn(
      `postback.path "${configured}" is ignored: routes are fixed when ZixflowModule is built, before an async ` +
        'options factory runs. Pass it at the top level instead: ZixflowModule.forRootAsync({ postbackPath: ' +
        `'${configured}', useFactory: ... }).` +
        (this.mountPath === null ? '' : ` The postback controller is mounted at "${this.mountPath}".`),
    );
  }
}
