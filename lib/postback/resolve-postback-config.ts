import type { ZixflowResolvedOptions } from '../interfaces/zixflow-resolved-options.interface';
import type { ResolvedPostbackConfig } from './interfaces/resolved-postback-config.interface';
import { DEFAULT_POSTBACK_MAX_BODY_BYTES } from './postback.constants';
import { PostbackTokenSigner } from './auth/postback-token.signer';

/**
 * Merges postback defaults once at boot (shapes were already checked by resolveZixflowOptions). `workspace`:
 * the instance's name, bound into its tokens; undefined for the unnamed instance.
 */
export function resolvePostbackConfig(
  options: ZixflowResolvedOptions,
  workspace?: string,
): ResolvedPostbackConfig {
  const postback = options.postback ?? {};
  return {
    verify: postback.verify !== false,
    ackAfterListeners: postback.ackAfterListeners === true,
    maxBodyBytes: postback.maxBodyBytes ?? DEFAULT_POSTBACK_MAX_BODY_BYTES,
    layoutFastPath: options.fastPaths?.postbackLayout !== false,
    tokenCache: options.fastPaths?.postbackTokenCache !== false,
    detectRawBody: postback.detectRawBody !== false,
    workspaceId: options.workspaceId,
    workspace,
    signer:
      postback.secret === undefined
        ? undefined
        : new PostbackTokenSigner(postback.secret, { maxAgeMs: postback.tokenMaxAgeMs, workspace }),
  };
}
