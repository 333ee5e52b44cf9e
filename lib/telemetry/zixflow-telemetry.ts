import { Inject, Injectable, Optional } from '@nestjs/common';
import type { MeterProvider, Span, Tracer, TracerProvider } from '@opentelemetry/api';
import { createInstruments, type ZixflowInstruments } from './telemetry-instruments';
import { loadOtelApi, type OtelApiModule } from './otel-api.loader';
import { SendObserver, type SendFacts } from './send.observer';
import { PostbackObserver } from './postback.observer';
import { ATTR, POSTBACK_SPAN, TELEMETRY_SCOPE } from './telemetry.constants';
import { withWorkspace } from './workspace-attribute';
import { ZIXFLOW_WORKSPACE } from '../workspace/zixflow-workspace.constants';

/** Facts of a postback its span and metrics carry: nothing personal (no recipient, no body). */
export interface PostbackFacts {
  channel: string;
  status: string;
  requestId: string;
  sendId?: string;
  /** The named instance that admitted it; undefined for the unnamed one. */
  workspace?: string;
}

/**
 * Spans and metrics through `@opentelemetry/api`, on whatever SDK the app registered. Nothing is created
 * (no span, no attribute object) while none is: without the API installed, or with it but without an SDK,
 * each send and postback costs one or two global look-ups. A provider registered after boot is picked up.
 */
@Injectable()
export class ZixflowTelemetry {
  private readonly api: OtelApiModule | undefined = loadOtelApi();
  /** A ProxyTracer: follows whichever tracer provider is registered, now or later. */
  private readonly tracer: Tracer | undefined;
  /** What the API's proxy delegates to while no tracer provider is registered. */
  private readonly noopTracerProvider: TracerProvider | undefined;
  /** The meter provider `instruments` were made on; the metrics API has no proxy, so we follow it ourselves. */
  private meterProvider: MeterProvider | undefined;
  private instruments: ZixflowInstruments | undefined;
  /** The instance's name (`zixflow.workspace` on every span and measurement); undefined when unnamed. */
  private readonly workspace: string | undefined;

  constructor(@Optional() @Inject(ZIXFLOW_WORKSPACE) workspace?: string | null) {
    this.workspace = workspace ?? undefined;
    if (this.api !== undefined) {
      this.tracer = this.api.trace.getTracer(TELEMETRY_SCOPE);
      this.noopTracerProvider = new this.api.ProxyTracerProvider().getDelegate();
    }
  }

  /**
   * An observer for one send, or undefined when nothing would record it. Plain arguments rather than an
   * object, so a send allocates nothing here while telemetry is off.
   */
  startSend(
    kind: string,
    route: string,
    recipient: string,
    segments: number | undefined,
    encoding: string | undefined,
    sendId: string,
  ): SendObserver | undefined {
    const api = this.api;
    if (api === undefined) return undefined;
    const tracing = this.isTracing(api);
    const instruments = this.currentInstruments(api);
    if (!tracing && instruments === undefined) return undefined;
    const facts: SendFacts = {
      kind,
      route,
      recipient,
      segments,
      encoding,
      sendId,
      workspace: this.workspace,
    };
    return new SendObserver(api, tracing ? this.tracer : undefined, instruments, facts);
  }

  /** An observer for one admitted postback, or undefined when nothing would record it. */
  startPostback(facts: PostbackFacts, sentAtMs: number | undefined): PostbackObserver | undefined {
    const api = this.api;
    if (api === undefined) return undefined;
    const tracing = this.isTracing(api);
    const instruments = this.currentInstruments(api);
    if (!tracing && instruments === undefined) return undefined;
    return new PostbackObserver(api, tracing ? this.tracer : undefined, instruments, facts, sentAtMs);
  }

  /** A postback the guard refused: a span that says why (the reasons are fixed texts), and the counter. */
  postbackRejected(httpStatus: number, reason: string): void {
    const api = this.api;
    if (api === undefined) return;
    const attributes = withWorkspace(
      { [ATTR.postbackResult]: 'rejected', [ATTR.httpStatus]: httpStatus },
      this.workspace,
    );
    if (this.isTracing(api)) {
      const span: Span = this.tracer!.startSpan(POSTBACK_SPAN, { kind: api.SpanKind.INTERNAL, attributes });
      span.setAttribute(ATTR.rejectReason, reason);
      span.setStatus({ code: api.SpanStatusCode.ERROR, message: reason });
      span.end();
    }
    this.currentInstruments(api)?.postbacks.add(
      1,
      withWorkspace({ [ATTR.postbackResult]: 'rejected' }, this.workspace),
    );
  }

  private isTracing(api: OtelApiModule): boolean {
    const provider = api.trace.getTracerProvider();
    const real = provider instanceof api.ProxyTracerProvider ? provider.getDelegate() : provider;
    return real !== this.noopTracerProvider;
  }

  /** Our instruments on the registered meter provider, or undefined when none is registered. */
  private currentInstruments(api: OtelApiModule): ZixflowInstruments | undefined {
    const provider = api.metrics.getMeterProvider();
    if (provider !== this.meterProvider) {
      this.meterProvider = provider;
      const meter = provider.getMeter(TELEMETRY_SCOPE);
      this.instruments = meter === api.createNoopMeter() ? undefined : createInstruments(meter);
    }
    return this.instruments;
  }
}
