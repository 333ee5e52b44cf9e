import { Inject, Injectable, Optional } from '@nestjs/common';
import { ZIXFLOW_RESOLVED_OPTIONS } from '../../zixflow.constants';
import { ZIXFLOW_WORKSPACE } from '../../workspace/zixflow-workspace.constants';
import type { ZixflowResolvedOptions } from '../../interfaces/zixflow-resolved-options.interface';
import { PostbackTokenSigner } from './postback-token.signer';
import { buildPostbackUrl } from './postback-url.util';

/**
 * Builds the signed `post_back_url` for a send when `postback.publicUrl` and `postback.secret` are set.
 * The token binds the send's `sendId` and the recipient, so a URL captured for one message can't vouch for
 * another, and each postback names the send that caused it. A named instance's tokens also bind its name.
 */
@Injectable()
export class PostbackUrlService {
  private readonly signer: PostbackTokenSigner | undefined;
  private readonly publicUrl: string | undefined;

  constructor(
    @Inject(ZIXFLOW_RESOLVED_OPTIONS) options: ZixflowResolvedOptions,
    @Optional() @Inject(ZIXFLOW_WORKSPACE) workspace?: string | null,
  ) {
    const { publicUrl, secret } = options.postback ?? {};
    if (publicUrl && secret !== undefined) {
      this.signer = new PostbackTokenSigner(secret, { workspace: workspace ?? undefined });
      this.publicUrl = publicUrl;
      // Fails at boot if the public URL is malformed or too long to carry a token (a sendId is a UUID).
      buildPostbackUrl(publicUrl, this.signer.sign('000000000000', '00000000-0000-0000-0000-000000000000'));
    }
  }

  /**
   * The URL to send as `post_back_url` for the send `sendId` to `recipient`, or undefined when the module
   * isn't configured to sign one.
   */
  urlFor(recipient: string, sendId: string): string | undefined {
    if (!this.signer || !this.publicUrl) return undefined;
    return buildPostbackUrl(this.publicUrl, this.signer.sign(recipient, sendId));
  }
}
