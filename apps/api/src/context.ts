import type { Embedder, ResourceFetcher } from '@rustygpt/core';
import type { Logger } from 'pino';
import type { Authenticator, Viewer } from './auth/viewer';
import type { ApiConfig } from './config';
import type { AnswerEngine } from './data/answer-engine';
import type { ApiData } from './data/ports';
import type { JobRunner } from './jobs/job-runner';
import type { Loaders } from './loaders';
import type { ApiMetrics } from './observability/metrics';
import type { EventBus } from './streaming/event-bus';
import type { MessageRunner } from './streaming/message-runner';

/** Long-lived services of one API process (built once by the composition root). */
export interface Services {
  config: ApiConfig;
  logger: Logger;
  data: ApiData;
  engine: AnswerEngine;
  /** Embeds search text; null when no embedding model is configured (vector search then falls back to aliases). */
  embedder: Embedder | null;
  /** Fetches resources for ingestion by URI; null when fetching is disabled. */
  fetcher: ResourceFetcher | null;
  bus: EventBus;
  runner: MessageRunner;
  jobs: JobRunner;
  metrics: ApiMetrics;
  auth: Authenticator;
  /** Refreshes gauges read at scrape time (entity counts, cache hit rate). */
  refreshGauges?: () => Promise<void>;
}

/** Per-operation GraphQL context. */
export interface ApiContext {
  services: Services;
  viewer: Viewer | null;
  loaders: Loaders;
  requestId: string;
  clientAddress: string;
  /** The process logger; log with `{ requestId }` to correlate with the request. */
  logger: Logger;
}
