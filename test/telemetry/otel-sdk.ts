import { metrics, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import {
  AggregationTemporality,
  MeterProvider,
  MetricReader,
  type DataPoint,
  type MetricData,
} from '@opentelemetry/sdk-metrics';

/** A reader that exports nothing by itself: the test collects when it wants to look. */
class CollectingReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** The real OpenTelemetry SDK with in-memory exporters, registered as the global providers. */
export class TestOtelSdk {
  readonly spans = new InMemorySpanExporter();
  private readonly reader = new CollectingReader();
  private readonly tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(this.spans)],
  });
  private readonly meterProvider = new MeterProvider({ readers: [this.reader] });

  register(): this {
    trace.setGlobalTracerProvider(this.tracerProvider);
    metrics.setGlobalMeterProvider(this.meterProvider);
    return this;
  }

  async unregister(): Promise<void> {
    trace.disable();
    metrics.disable();
    await this.tracerProvider.shutdown();
    await this.meterProvider.shutdown();
  }

  finishedSpans(name?: string): ReadableSpan[] {
    const spans = this.spans.getFinishedSpans();
    return name === undefined ? spans : spans.filter((span) => span.name === name);
  }

  /** Every metric of our scope, by name. */
  async metrics(): Promise<Map<string, MetricData>> {
    const { resourceMetrics } = await this.reader.collect();
    const found = new Map<string, MetricData>();
    for (const scope of resourceMetrics.scopeMetrics) {
      if (scope.scope.name !== 'nestjs-zixflow') continue;
      for (const metric of scope.metrics) found.set(metric.descriptor.name, metric);
    }
    return found;
  }

  /** The data points of one metric, as [attributes, value] pairs (a histogram's value is its count). */
  async points(name: string): Promise<Array<[Record<string, unknown>, number]>> {
    const metric = (await this.metrics()).get(name);
    if (metric === undefined) return [];
    return (metric.dataPoints as Array<DataPoint<unknown>>).map((point) => [
      { ...point.attributes },
      typeof point.value === 'number' ? point.value : (point.value as { count: number }).count,
    ]);
  }

  /** Everything the SDK holds that could leak: span attributes, events, statuses, metric attributes. */
  async everything(): Promise<unknown> {
    const spans = this.spans.getFinishedSpans().map((span) => ({
      name: span.name,
      attributes: span.attributes,
      events: span.events,
      status: span.status,
      links: span.links,
    }));
    const metricAttributes = [...(await this.metrics()).values()].map((metric) =>
      (metric.dataPoints as Array<DataPoint<unknown>>).map((point) => point.attributes),
    );
    return { spans, metricAttributes };
  }

  reset(): void {
    this.spans.reset();
  }
}
