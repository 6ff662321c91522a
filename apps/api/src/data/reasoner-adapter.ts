import { fileURLToPath } from 'node:url';
import type { Embedder, Generator, ResourceFetcher } from '@rustygpt/core';
import { tokenize } from '@rustygpt/core';
import { Lifecycle } from '@rustygpt/lifecycle';
import { createEmbedder, createGenerator } from '@rustygpt/models';
import { HttpResourceFetcher, createReasoner, type Reasoner } from '@rustygpt/reasoning';
import { KnowledgeStore, type Database } from '@rustygpt/store';
import type { Logger } from 'pino';
import type { ApiConfig } from '../config';
import { reactivatingKnowledge } from '../lifecycle/reactivating-knowledge';
import type { ApiMetrics } from '../observability/metrics';
import type { AnswerEngine, Citation } from './answer-engine';

/** The ports the reasoning engine runs on (tests may adjust them, e.g. pace the generator). */
export interface AnswerEngineParts {
  embedder: Embedder | null;
  generator: Generator | null;
  fetcher: ResourceFetcher | null;
}

/** Where built-in models live when the database is in memory (repo-level cache, gitignored). */
const REPO_MODELS_DIR = fileURLToPath(new URL('../../../../.rustygpt/models', import.meta.url));

interface Disposable {
  dispose?: () => Promise<void>;
  stats?: () => { cache: { hits: number; misses: number } };
}

/** Loads the configured embedder (`RUSTYGPT_EMBEDDING_MODEL`, `none` disables vectors). */
async function loadEmbedder(config: ApiConfig, logger: Logger): Promise<Embedder | null> {
  const spec = config.embeddingModel?.trim();
  if (spec === 'none') {
    logger.info('embeddings disabled (RUSTYGPT_EMBEDDING_MODEL=none): search uses names and aliases only');
    return null;
  }
  const inMemory = config.dataDir.startsWith('memory://') && !config.databaseUrl;
  const options = inMemory && !process.env.RUSTYGPT_MODELS_DIR ? { modelsDir: REPO_MODELS_DIR } : {};
  const started = performance.now();
  const embedder = await createEmbedder(spec || undefined, options);
  logger.info(
    { model: embedder.modelId, dims: embedder.dims, ms: Math.round(performance.now() - started) },
    'embedding model loaded',
  );
  return embedder;
}

/**
 * The reasoning engine behind the API: one reasoner per workspace (each over that workspace's
 * KnowledgeStore), sharing the embedder, the generator and the fetcher. DAG node times feed
 * the node-duration metric.
 */
export async function createAnswerEngine(
  db: Database,
  config: ApiConfig,
  logger: Logger,
  metrics: ApiMetrics,
  adjust?: (parts: AnswerEngineParts) => AnswerEngineParts,
): Promise<AnswerEngine & { reasoner(workspaceId: number): Reasoner }> {
  const loaded: AnswerEngineParts = {
    embedder: await loadEmbedder(config, logger),
    generator: await createGenerator(),
    fetcher: new HttpResourceFetcher({ schemes: ['http', 'https'] }),
  };
  const parts = adjust ? adjust(loaded) : loaded;
  if (parts.generator) logger.info({ model: parts.generator.modelName }, 'chat model loaded');
  const reasoners = new Map<number, Reasoner>();
  const lifecycles = new Map<number, Lifecycle>();
  const lifecycle = (workspaceId: number): Lifecycle => {
    let l = lifecycles.get(workspaceId);
    if (!l) {
      l = new Lifecycle(new KnowledgeStore(db, workspaceId));
      lifecycles.set(workspaceId, l);
    }
    return l;
  };
  const reasoner = (workspaceId: number): Reasoner => {
    let r = reasoners.get(workspaceId);
    if (!r) {
      const life = lifecycle(workspaceId);
      r = createReasoner({
        // Archived entities the reasoner touches come back within the same request.
        store: reactivatingKnowledge(life.store, life),
        embedder: parts.embedder,
        generator: parts.generator,
        fetcher: parts.fetcher,
      });
      reasoners.set(workspaceId, r);
    }
    return r;
  };
  return {
    embedder: parts.embedder,
    fetcher: parts.fetcher,
    reasoner,
    ask({ question, workspaceId, userId, messageId, signal, conversation }) {
      const stream = reasoner(workspaceId).stream(question, {
        signal,
        userId,
        messageId,
        ...(conversation ? { conversation } : {}),
        onStep: (step) => {
          if (step.node !== 'run' && step.node !== 'pass') {
            metrics.nodeDuration.observe({ node: step.node, status: step.status }, step.durationMs / 1000);
          }
        },
      });
      return {
        tokens: stream.tokens,
        result: stream.result.then((r) => {
          lifecycle(workspaceId).recordQuery();
          return {
            answer: r.answer,
            citations: r.citations.map((c): Citation => ({
              kind: c.kind,
              id: c.id,
              label: c.label,
              uri: c.uri ?? null,
            })),
            runId: r.runId,
            entityIds: r.entityIds,
            modelName: r.generator,
            promptTokens: tokenize(question).length,
          };
        }),
      };
    },
    workflow() {
      const w = reasoner(1).workflow();
      return {
        name: w.name,
        version: w.version,
        nodes: w.nodes.map((n) => ({
          name: n.name,
          inputs: n.inputs.map(String),
          outputs: n.outputs.map(String),
          priority: n.priority,
        })),
        edges: w.edges.map((e) => ({ from: e.from, to: e.to, key: String(e.key) })),
      };
    },
    async readiness() {
      const nodes = reasoner(1)
        .workflow()
        .nodes.map((n) => n.name);
      return { modelsLoaded: true, nodes, detail: parts.embedder ? null : 'embeddings disabled' };
    },
    embeddingCacheStats() {
      const stats = (parts.embedder as (Embedder & Disposable) | null)?.stats?.();
      return stats ? { hits: stats.cache.hits, misses: stats.cache.misses } : null;
    },
    async close() {
      await Promise.allSettled([...reasoners.values()].map((r) => r.close()));
      await (parts.embedder as (Embedder & Disposable) | null)?.dispose?.();
      await (parts.generator as (Generator & Disposable) | null)?.dispose?.();
    },
  };
}
