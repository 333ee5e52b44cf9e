import type { Attributes, Span, Tracer } from '@opentelemetry/api';
import { isFinalStatus } from '../store/status-order';
import type { OtelApiModule } from './otel-api.loader';
import type { ZixflowInstruments } from './telemetry-instruments';
import type { PostbackFacts } from './zixflow-telemetry';
import { ATTR, POSTBACK_SPAN } from './telemetry.constants';
import { withWorkspace } from './workspace-attribute';

/**
 * `accepted`: recorded and handed on; `duplicate`: acknowledged without the handler; `rejected`: refused by the
 * guard; `error`: it could not be processed (store unreachable, handler or listener failed), answered so that
 * Zixflow retries.
 */
export type PostbackResult = 'accepted' | 'duplicate' | 'rejected' | 'error';

/** What the store's claim decided about a postback. */
export interface PostbackClaimFacts {
  duplicate: boolean;
  stale?: boolean;
  firstDelivery?: boolean;
}

/** The span and measurements of one admitted postback, from its claim until the handler settled. */
export class PostbackObserver {
  private readonly span: Span | undefined;
  private result: PostbackResult = 'error';

  /** @internal Made by ZixflowTelemetry (typed with @opentelemetry/api, which published typings must not need). */
  constructor(
    private readonly api: OtelApiModule,
    tracer: Tracer | undefined,
    private readonly instruments: ZixflowInstruments | undefined,
    private readonly facts: PostbackFacts,
    /** When the send was signed (whole seconds, from its verified token); undefined when unknown. */
    private readonly sentAtMs: number | undefined,
  ) {
    if (tracer === undefined) return;
    const span = tracer.startSpan(POSTBACK_SPAN, { kind: api.SpanKind.INTERNAL });
    if (!span.isRecording()) return;
    this.span = span;
    const attributes: Attributes = {
      [ATTR.postbackChannel]: facts.channel,
      [ATTR.postbackStatus]: facts.status,
      [ATTR.requestId]: facts.requestId,
    };
    if (facts.sendId !== undefined) attributes[ATTR.sendId] = facts.sendId;
    span.setAttributes(withWorkspace(attributes, facts.workspace));
  }

  /** The claim's verdict; a first delivery of a final status also measures the time since the send. */
  claimed(claim: PostbackClaimFacts): void {
    this.result = claim.duplicate ? 'duplicate' : 'accepted';
    if (claim.duplicate) return;
    this.span?.setAttribute(ATTR.postbackStale, claim.stale === true);
    if (
      this.instruments !== undefined &&
      this.sentAtMs !== undefined &&
      claim.firstDelivery === true &&
      claim.stale !== true &&
      isFinalStatus(this.facts.status)
    ) {
      this.instruments.deliveryDuration.record(
        Math.max(0, Date.now() - this.sentAtMs) / 1000,
        withWorkspace(
          { [ATTR.postbackChannel]: this.facts.channel, [ATTR.postbackStatus]: this.facts.status },
          this.facts.workspace,
        ),
      );
    }
  }

  /** Processing settled and the postback is acknowledged. */
  succeeded(): void {
    this.end(false, undefined);
  }

  /** Processing failed: an error status went back, so Zixflow retries. */
  failed(error: unknown): void {
    this.result = 'error';
    this.end(true, error);
  }

  private end(failed: boolean, error: unknown): void {
    const span = this.span;
    if (span !== undefined) {
      span.setAttribute(ATTR.postbackResult, this.result);
      const status = httpStatusOf(error);
      if (status !== undefined) span.setAttribute(ATTR.httpStatus, status);
      if (failed) {
        span.setAttribute(ATTR.errorType, status !== undefined ? String(status) : '_OTHER');
        span.setStatus({ code: this.api.SpanStatusCode.ERROR });
      }
      span.end();
    }
    this.instruments?.postbacks.add(
      1,
      withWorkspace(
        {
          [ATTR.postbackChannel]: this.facts.channel,
          [ATTR.postbackStatus]: this.facts.status,
          [ATTR.postbackResult]: this.result,
        },
        this.facts.workspace,
      ),
    );
  }
}

/** The status of an HttpException-like error (our 5xx answers), without importing Nest's class here. */
function httpStatusOf(error: unknown): number | undefined {
  const getStatus = (error as { getStatus?: unknown } | undefined)?.getStatus;
  return typeof getStatus === 'function' ? (getStatus.call(error) as number) : undefined;
}
