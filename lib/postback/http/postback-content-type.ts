import { ZixflowPostbackHttpException } from './zixflow-postback-http.exception';

/** `application/json`, optionally with `charset=utf-8` (any case, optionally quoted), nothing else. */
const JSON_CONTENT_TYPE = /^application\/json[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*(?:utf-8|"utf-8")[ \t]*)?$/i;

/** The reason sent with 415. */
export const POSTBACK_CONTENT_TYPE_REASON = 'postbacks must be sent as application/json (charset utf-8)';

/**
 * Throws 415 unless the request says its body is UTF-8 JSON, as Zixflow sends it. Checked before anything
 * is read: a body declared as a form or as latin1 is not what was signed for, even if its bytes parse.
 */
export function assertPostbackContentType(headers: Record<string, unknown> | undefined): void {
  const contentType = headers?.['content-type'];
  if (typeof contentType !== 'string' || !JSON_CONTENT_TYPE.test(contentType)) {
    throw new ZixflowPostbackHttpException(415, POSTBACK_CONTENT_TYPE_REASON);
  }
}
