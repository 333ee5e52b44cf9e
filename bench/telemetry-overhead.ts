/**
 * Measuring aid, not run by `npm run bench`: the CPU a send's telemetry adds, alone (a whole send's figure, case
 * (d), is too noisy on a shared machine to show tens of nanoseconds). Without an SDK: the check each send makes.
 * With one (BatchSpanProcessor, exporter discarding; a MeterProvider): the span, its activation and the metrics.
 *   npx ts-node --transpile-only -P tsconfig.json bench/telemetry-overhead.ts
 */
import 'reflect-metadata';
import { metrics, trace } from '@opentelemetry/api';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { ZixflowTelemetry } from '../lib/telemetry/zixflow-telemetry';

class IdleReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const discard: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => {},
};

/** CPU per call of `body`, in ns: the best of five rounds (the least disturbed by other processes). */
function cpuNsPerCall(count: number, body: () => void): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < count; i++) body();
    const used = process.cpuUsage(start);
    best = Math.min(best, ((used.user + used.system) * 1000) / count);
  }
  return best;
}

function oneSend(telemetry: ZixflowTelemetry): void {
  const observer = telemetry.startSend('message', 'transactional', '919876543210', 1, 'GSM-7', 'send-id');
  if (observer === undefined) return;
  observer.run(() => undefined);
  observer.queued('request-id');
}

const off = new ZixflowTelemetry();
console.log(`no SDK registered:  ${cpuNsPerCall(2_000_000, () => oneSend(off)).toFixed(0)} ns CPU per send`);

trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(discard)] }));
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [new IdleReader()] }));
const on = new ZixflowTelemetry();
console.log(
  `SDK registered:     ${(cpuNsPerCall(100_000, () => oneSend(on)) / 1000).toFixed(1)} µs CPU per send`,
);
