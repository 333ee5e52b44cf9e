import { ZixflowPostbackHttpException } from './zixflow-postback-http.exception';
import { RAW_BODY_MISSING_REASON, type RawBodyInspector } from './raw-body.inspector';

/** Nest sets `rawBody` on Express and Fastify requests alike when the app has `rawBody: true`. */
export interface RawBodyCarrier {
  rawBody?: unknown;
}

/**
 * The exact bytes of the postback. A JSON.parse'd `req.body` is never used instead: it has already
 * rounded 64-bit message ids. Without `req.rawBody`, the cause decides the answer: rawBody is on, so the
 * request had no JSON body (400, client junk); or it is off or unknowable (500, our misconfiguration,
 * so Zixflow keeps retrying until it is fixed).
 */
export function postbackRawBody(request: RawBodyCarrier, inspector: RawBodyInspector): Buffer {
  const raw = request.rawBody;
  if (Buffer.isBuffer(raw)) return raw;
  if (inspector.state === 'enabled') {
    throw new ZixflowPostbackHttpException(400, 'body is missing or was not sent as application/json');
  }
  inspector.reportMissingRawBody();
  throw new ZixflowPostbackHttpException(500, RAW_BODY_MISSING_REASON);
}
