import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one API process, in their own registry (tests build several servers). */
export interface ApiMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  graphqlDuration: Histogram<'operation' | 'type'>;
  dbDuration: Histogram<'operation'>;
  nodeDuration: Histogram<'node' | 'status'>;
  activeSubscriptions: Gauge<'kind'>;
  streamEvents: Counter<'kind'>;
  rateLimited: Counter;
  entities: Gauge<'workspace'>;
  embeddingCache: Gauge<'result'>;
}

/** Creates the metrics with collectors that read their values at scrape time. */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): ApiMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'rustygpt_' });
  const seconds = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  return {
    registry,
    httpDuration: new Histogram({
      name: 'rustygpt_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      buckets: seconds,
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: 'rustygpt_graphql_operation_duration_seconds',
      help: 'GraphQL operation execution time',
      labelNames: ['operation', 'type'],
      buckets: seconds,
      registers: [registry],
    }),
    dbDuration: new Histogram({
      name: 'rustygpt_db_duration_seconds',
      help: 'Time spent in database calls made by the API',
      labelNames: ['operation'],
      buckets: seconds,
      registers: [registry],
    }),
    nodeDuration: new Histogram({
      name: 'rustygpt_dag_node_duration_seconds',
      help: 'Reasoning DAG node run time',
      labelNames: ['node', 'status'],
      buckets: seconds,
      registers: [registry],
    }),
    activeSubscriptions: new Gauge({
      name: 'rustygpt_active_subscriptions',
      help: 'Subscriptions currently streaming',
      labelNames: ['kind'],
      registers: [registry],
    }),
    streamEvents: new Counter({
      name: 'rustygpt_stream_events_total',
      help: 'Message stream events emitted',
      labelNames: ['kind'],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'rustygpt_rate_limited_total',
      help: 'Requests refused by the per-user rate limit',
      registers: [registry],
    }),
    entities: new Gauge({
      name: 'rustygpt_entities',
      help: 'Entities per workspace (refreshed at scrape time)',
      labelNames: ['workspace'],
      registers: [registry],
    }),
    embeddingCache: new Gauge({
      name: 'rustygpt_embedding_cache_ratio',
      help: 'Embedding cache hit ratio (result=hit_ratio) and lookups (result=lookups)',
      labelNames: ['result'],
      registers: [registry],
    }),
  };
}

/** Times an async call into a histogram (seconds). */
export async function timed<T>(
  histogram: Histogram<'operation'>,
  operation: string,
  fn: () => Promise<T>,
): Promise<T> {
  const end = histogram.startTimer({ operation });
  try {
    return await fn();
  } finally {
    end();
  }
}
