import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Tracing of one API process; spans go to OTLP when an endpoint is configured, nowhere otherwise. */
export interface Tracing {
  tracer: Tracer;
  shutdown(): Promise<void>;
}

let provider: NodeTracerProvider | null = null;

/**
 * Registers the global tracer provider once per process when OTEL_EXPORTER_OTLP_ENDPOINT is
 * set (the reasoning engine and store use the global API, so their spans join the same trace).
 */
export function setupTracing(options: { endpoint: string | undefined; serviceName: string }): Tracing {
  if (options.endpoint && !provider) {
    const url = options.endpoint.endsWith('/v1/traces')
      ? options.endpoint
      : `${options.endpoint.replace(/\/$/, '')}/v1/traces`;
    provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': options.serviceName }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
    });
    provider.register();
  }
  const owned = provider;
  return {
    tracer: trace.getTracer('@rustygpt/api'),
    async shutdown() {
      if (owned && owned === provider) {
        provider = null;
        await owned.shutdown();
        trace.disable();
        context.disable();
        propagation.disable();
      }
    },
  };
}
