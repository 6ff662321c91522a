import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

/** Tracing of one API process; spans go to OTLP when an endpoint is configured, nowhere otherwise. */
export interface Tracing {
  tracer: Tracer;
  shutdown(): Promise<void>;
}

let provider: TracerProvider | null = null;

/**
 * Registers the global tracer provider, context manager (AsyncLocalStorage) and W3C propagator
 * once per process when OTEL_EXPORTER_OTLP_ENDPOINT is set. The reasoning engine and the store
 * use the global API, so their spans join the request's trace.
 */
export function setupTracing(options: { endpoint: string | undefined; serviceName: string }): Tracing {
  if (options.endpoint && !provider) {
    const url = options.endpoint.endsWith('/v1/traces')
      ? options.endpoint
      : `${options.endpoint.replace(/\/$/, '')}/v1/traces`;
    provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': options.serviceName }),
      spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) })],
    });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
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
