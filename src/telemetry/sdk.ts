import { context, diag, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider, type Sampler } from '@opentelemetry/sdk-trace';
import type { Logger } from 'pino';

/**
 * The OpenTelemetry SDK, loaded only when traces are on (src/telemetry/tracing.ts imports this
 * file lazily): a tracer provider exporting through a BatchSpanProcessor to the OTLP/HTTP JSON
 * exporter, which reads `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`),
 * `OTEL_EXPORTER_OTLP_HEADERS` and `OTEL_EXPORTER_OTLP_TIMEOUT` itself. The 3.x SDK has no
 * NodeTracerProvider (sdk-trace-node stopped at 2.x, whose peer range excludes the installed
 * @opentelemetry/api 1.10), so the three globals it used to set are set here.
 */
export function installSdk(defaultServiceName: string, log: Logger): { shutdown(): Promise<void> } {
  // Export failures (a collector that is down) are worth one warning each; the SDK's chatter is not.
  diag.setLogger(
    {
      error: (message) => log.warn({ otel: message }, 'OpenTelemetry export problem'),
      warn: (message) => log.warn({ otel: message }, 'OpenTelemetry export problem'),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    DiagLogLevel.WARN,
  );
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (envDetector) win over the process's default name.
  const resource = resourceFromAttributes({ 'service.name': defaultServiceName }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new TracerProvider({
    resource,
    sampler: samplerFromEnv(process.env),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter(),
        // The SDK 3.x processor no longer reads OTEL_BSP_*; the one an operator (or a test) tunes is read here. Default 5 s: the specification's.
        scheduledDelayMillis: positiveNumber(process.env.OTEL_BSP_SCHEDULE_DELAY) ?? 5000,
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    async shutdown() {
      await provider.shutdown().catch((e: Error) => log.warn({ err: e.message }, 'OpenTelemetry shutdown failed; spans may be lost'));
    },
  };
}

/**
 * OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG as the specification names them (the 3.x SDK no
 * longer reads them): a busy API may keep, say, one trace in ten with `parentbased_traceidratio`
 * and `0.1`. Default `parentbased_always_on`, the specification's: every trace, and a caller's
 * decision in its `traceparent` is followed.
 */
export function samplerFromEnv(env: NodeJS.ProcessEnv): Sampler {
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? 1);
  const root = (name: string | undefined): Sampler => {
    if (name === 'always_off') return new AlwaysOffSampler();
    if (name === 'traceidratio') return new TraceIdRatioBasedSampler(Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 1);
    return new AlwaysOnSampler();
  };
  const name = env.OTEL_TRACES_SAMPLER?.trim().toLowerCase();
  if (name === 'always_on' || name === 'always_off' || name === 'traceidratio') return root(name);
  return new ParentBasedSampler({ root: root(name?.replace(/^parentbased_/, '')) });
}

function positiveNumber(text: string | undefined): number | undefined {
  const n = Number(text);
  return text && Number.isFinite(n) && n > 0 ? n : undefined;
}
