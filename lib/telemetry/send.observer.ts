import type { Attributes, Span, Tracer } from '@opentelemetry/api';
import { ZixflowError } from '../errors/zixflow.error';
import { ZixflowApiError } from '../errors/zixflow-api.error';
import { ZixflowHttpError } from '../errors/zixflow-http.error';
import { recipientCallingCode } from '../phone/recipient-calling-code';
import type { OtelApiModule } from './otel-api.loader';
import type { ZixflowInstruments } from './telemetry-instruments';
import { ATTR, RETRY_EVENT, SEND_SPAN } from './telemetry.constants';
import { withWorkspace } from './workspace-attribute';

/** What a send's span and metrics may say about it. The recipient only ever leaves as its calling code. */
export interface SendFacts {
  kind: string;
  route: string;
  recipient: string;
  segments: number | undefined;
  encoding: string | undefined;
  sendId: string;
  /** The named instance sending; undefined for the unnamed one. */
  workspace: string | undefined;
}

/** The error code of a failure (our own codes are a closed set; anything else is `_OTHER`, as semconv says). */
function errorType(error: unknown): string {
  return error instanceof ZixflowError ? error.code : '_OTHER';
}

/** The span and measurements of one send, from the moment it is handed to the transport until it settles. */
export class SendObserver {
  private readonly span: Span | undefined;
  private readonly startedAt = performance.now();
  private retries = 0;

  /** @internal Made by ZixflowTelemetry (typed with @opentelemetry/api, which published typings must not need). */
  constructor(
    private readonly api: OtelApiModule,
    tracer: Tracer | undefined,
    private readonly instruments: ZixflowInstruments | undefined,
    private readonly facts: SendFacts,
  ) {
    if (tracer === undefined) return;
    const span = tracer.startSpan(SEND_SPAN, { kind: api.SpanKind.CLIENT });
    // A sampler may have dropped it: then no attribute is worth computing.
    if (!span.isRecording()) return;
    this.span = span;
    span.setAttributes({
      [ATTR.kind]: facts.kind,
      [ATTR.route]: facts.route,
      [ATTR.sendId]: facts.sendId,
    });
    if (facts.segments !== undefined) span.setAttribute(ATTR.segments, facts.segments);
    if (facts.encoding !== undefined) span.setAttribute(ATTR.encoding, facts.encoding);
    if (facts.workspace !== undefined) span.setAttribute(ATTR.workspace, facts.workspace);
    const country = recipientCallingCode(facts.recipient);
    if (country !== undefined) span.setAttribute(ATTR.countryCode, country);
  }

  /** Runs `request` with the send's span active, so instrumented HTTP clients nest their spans under it. */
  run<T>(request: () => T): T {
    if (this.span === undefined) return request();
    const { context, trace } = this.api;
    return context.with(trace.setSpan(context.active(), this.span), request);
  }

  /** Passed to the retry loop: an event on the span and a count per retried attempt. */
  readonly onRetry = (error: unknown, attempt: number, delayMs: number): void => {
    this.retries++;
    const code = errorType(error);
    if (this.span !== undefined) {
      const attributes: Attributes = {
        [ATTR.attempt]: attempt,
        [ATTR.errorType]: code,
        [ATTR.retryDelay]: delayMs,
      };
      if (error instanceof ZixflowApiError) attributes[ATTR.httpStatus] = error.status;
      this.span.addEvent(RETRY_EVENT, attributes);
    }
    this.instruments?.retries.add(
      1,
      withWorkspace({ [ATTR.route]: this.facts.route, [ATTR.errorType]: code }, this.facts.workspace),
    );
  };

  /** Zixflow queued the message. */
  queued(requestId: string): void {
    const span = this.span;
    if (span !== undefined) {
      span.setAttributes({
        [ATTR.outcome]: 'queued',
        [ATTR.attempts]: this.retries + 1,
        [ATTR.requestId]: requestId,
      });
      span.end();
    }
    const instruments = this.instruments;
    if (instruments === undefined) return;
    const attributes = this.metricAttributes('queued');
    instruments.sends.add(1, attributes);
    instruments.sendDuration.record(this.seconds(), attributes);
    if (this.facts.segments !== undefined) {
      const parts: Attributes = { [ATTR.route]: this.facts.route };
      if (this.facts.encoding !== undefined) parts[ATTR.encoding] = this.facts.encoding;
      instruments.segments.add(this.facts.segments, withWorkspace(parts, this.facts.workspace));
    }
  }

  /** The send failed: its error's code and outcome (`not_sent` or `unknown`), and the HTTP status if any. */
  failed(error: unknown): void {
    const outcome = error instanceof ZixflowError ? error.outcome : 'unknown';
    const code = errorType(error);
    const span = this.span;
    if (span !== undefined) {
      const attempts = error instanceof ZixflowHttpError ? error.request?.attempts : undefined;
      span.setAttributes({
        [ATTR.outcome]: outcome,
        [ATTR.attempts]: attempts ?? this.retries + 1,
        [ATTR.errorType]: code,
      });
      if (error instanceof ZixflowApiError) span.setAttribute(ATTR.httpStatus, error.status);
      // The code only: messages may quote what the API answered, which is not ours to export.
      span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: code });
      span.end();
    }
    const instruments = this.instruments;
    if (instruments === undefined) return;
    const attributes = this.metricAttributes(outcome);
    attributes[ATTR.errorType] = code;
    instruments.sends.add(1, attributes);
    instruments.sendDuration.record(this.seconds(), attributes);
  }

  private metricAttributes(outcome: string): Attributes {
    return withWorkspace(
      { [ATTR.kind]: this.facts.kind, [ATTR.route]: this.facts.route, [ATTR.outcome]: outcome },
      this.facts.workspace,
    );
  }

  private seconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }
}
