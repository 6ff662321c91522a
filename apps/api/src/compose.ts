/**
 * The composition root: wires the store, the models, the reasoning engine, the bus, the job
 * runner and the metrics into the API. `rustygpt serve`, the CLI's token commands, the tests and
 * the bench all start the API through here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KnowledgeBundle } from '@rustygpt/core';
import { openDatabase, type Database } from '@rustygpt/store';
import type { Logger } from 'pino';
import { Authenticator } from './auth/viewer';
import type { ApiConfig } from './config';
import type { Services } from './context';
import { createAnswerEngine, type AnswerEngineParts } from './data/reasoner-adapter';
import { createApiData } from './data/store-adapter';
import type { ApiData } from './data/ports';
import { JobRunner } from './jobs/job-runner';
import { registerLifecycleJobs } from './jobs/lifecycle-jobs';
import { instrumentDatabase, type StatementCounter } from './observability/instrumented-database';
import { createLogger } from './observability/logger';
import { createMetrics } from './observability/metrics';
import { setupTracing } from './observability/tracing';
import { listen, type RunningServer } from './server';
import { createMemoryEventBus, createRedisEventBus } from './streaming/event-bus';
import { MessageRunner } from './streaming/message-runner';

/** What callers may inject into the composition root (tests, the bench, `serve --db-port`). */
export interface StartApiOptions {
  logger?: Logger;
  /** Use this open database instead of opening the configured one (the caller closes it). */
  database?: Database;
  /** Load the demo bundle into an empty embedded database (default: true for `serve`). */
  loadDemo?: boolean;
  /** Start an incremental `reindex` job at start-up (default true when an embedder is loaded). */
  reindexOnStart?: boolean;
  /** Count SQL statements (tests of DataLoader batching). */
  statementCounter?: StatementCounter;
  /** Adjust the reasoning engine's parts (tests pace the generator to cancel mid-stream). */
  engineParts?: (parts: AnswerEngineParts) => AnswerEngineParts;
}

/** A started API: the listening server and its services. */
export interface StartedApi {
  server: RunningServer;
  services: Services;
  logger: Logger;
  close(): Promise<void>;
}

async function openConfiguredDatabase(config: ApiConfig): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ databaseUrl: config.databaseUrl })
    : openDatabase({ dataDir: config.dataDir });
}

/** Opens the database and runs `fn` with the API's data port (CLI commands such as `token`). */
export async function withApiData<T>(config: ApiConfig, fn: (data: ApiData) => Promise<T>): Promise<T> {
  const db = await openConfiguredDatabase(config);
  try {
    return await fn(createApiData(db));
  } finally {
    await db.close();
  }
}

async function loadDemoIfEmpty(config: ApiConfig, data: ApiData, logger: Logger): Promise<void> {
  const workspace = await data.workspaces.ensure(
    config.defaultWorkspace,
    config.defaultWorkspace === 'default' ? 'Default' : config.defaultWorkspace,
  );
  const knowledge = data.knowledge(workspace.id);
  if ((await knowledge.countEntities()) > 0) return;
  const path = resolve(config.demoBundle);
  if (!existsSync(path)) {
    logger.info({ path }, 'database has no entities and no demo bundle was found: starting empty');
    return;
  }
  const bundle = JSON.parse(readFileSync(path, 'utf8')) as KnowledgeBundle;
  const result = await knowledge.importBundle(bundle);
  logger.info({ path, ...result }, 'database was empty: loaded the demo bundle');
}

/** Builds every service of one API process and starts listening. */
export async function startApi(config: ApiConfig, options: StartApiOptions = {}): Promise<StartedApi> {
  const logger = options.logger ?? createLogger(config);
  const tracing = setupTracing({ endpoint: config.otlpEndpoint, serviceName: config.serviceName });
  const metrics = createMetrics();
  const ownsDatabase = !options.database;
  const raw = options.database ?? (await openConfiguredDatabase(config));
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const db = instrumentDatabase(raw, metrics, options.statementCounter);
    const data = createApiData(db);
    const engine = await createAnswerEngine(db, config, logger, metrics, options.engineParts);
    cleanups.push(() => engine.close());
    const bus = config.redisUrl ? await createRedisEventBus(config.redisUrl, logger) : createMemoryEventBus();
    cleanups.push(() => bus.close());
    const runner = new MessageRunner({
      data,
      bus,
      engine,
      logger,
      metrics,
      tokenDelayMs: config.streamTokenDelayMs,
    });
    await runner.start();
    const jobs = new JobRunner({ data, bus, logger });
    registerLifecycleJobs(jobs, { db, engine, config });
    const services: Services = {
      config,
      logger,
      data,
      engine,
      embedder: engine.embedder,
      fetcher: engine.fetcher,
      bus,
      runner,
      jobs,
      metrics,
      auth: new Authenticator(config, data),
      refreshGauges: async () => {
        const memberships = await data.workspaces.list();
        for (const w of memberships)
          metrics.entities.set({ workspace: w.slug }, await data.knowledge(w.id).countEntities());
        const cache = engine.embeddingCacheStats();
        if (cache) {
          const lookups = cache.hits + cache.misses;
          metrics.embeddingCache.set({ result: 'lookups' }, lookups);
          metrics.embeddingCache.set({ result: 'hit_ratio' }, lookups === 0 ? 0 : cache.hits / lookups);
        }
      },
    };
    const embedded = !config.databaseUrl;
    if (options.loadDemo ?? embedded) await loadDemoIfEmpty(config, data, logger);
    // Bring vectors up to date with whatever changed while no API process was running.
    if (engine.embedder && options.reindexOnStart !== false) await jobs.trigger('reindex', null);
    const server = await listen(services, { host: config.host, port: config.port });
    if (config.auth.mode === 'local') {
      logger.warn(
        { host: config.host },
        'LOCAL MODE: no authentication; every request without a token acts as the local admin (loopback only). Set RUSTYGPT_JWT_SECRET to require sign-in.',
      );
    }
    logger.info(
      {
        url: server.url,
        database: raw.location,
        bus: bus.kind,
        auth: config.auth.mode,
        graphiql: config.graphiql,
      },
      `RustyGPT API listening on ${server.url}`,
    );
    return {
      server,
      services,
      logger,
      async close() {
        await server.close();
        for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
        if (ownsDatabase) await raw.close();
        await tracing.shutdown();
      },
    };
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    if (ownsDatabase) await raw.close();
    throw error;
  }
}
