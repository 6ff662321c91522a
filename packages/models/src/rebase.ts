/**
 * Re-basing: moving every vector to another embedding model without stopping queries. The new
 * model's vectors and partial HNSW index are built beside the old ones, verified (each sampled
 * entity's own name must retrieve it in the top 3), and only then is the active model switched,
 * in one transaction, and the old vectors dropped. All progress lives in the database
 * (registry row, job queue, vectors), so a crash at any point resumes on the next run, and a
 * failed verification leaves the old model active.
 */
import { ConflictError, throwIfAborted, type Embedder } from '@rustygpt/core';
import { getEntityVectors, sampleEntityIds, type EmbeddingModel, type KnowledgeStore } from '@rustygpt/store';
import { indexEmbeddings, type IndexProgress, type IndexResult } from './indexing';

/** Progress of {@link rebase}, phase by phase: index the new model, verify it, switch, drop old vectors. */
export type RebaseProgress =
  | { phase: 'index'; progress: IndexProgress }
  | { phase: 'verify'; done: number; total: number }
  | { phase: 'switch' }
  | { phase: 'cleanup' };

/** Options of {@link rebase} and {@link verifyModel}. */
export interface RebaseOptions {
  /** Entities sampled for verification (default 200). */
  sampleSize?: number;
  /** Share of sampled entities whose name must retrieve them (default 0.99). */
  minSelfRecall?: number;
  /** Rank within which the entity must come back (default 3). */
  topK?: number;
  /** Neighbours compared between old and new model (default 10; 0 skips the comparison). */
  overlapK?: number;
  /** Keep the old model's vectors after switching (default false: dropped). */
  keepOldVectors?: boolean;
  /** Targets per indexing batch (default: indexing's, 256). */
  batchSize?: number;
  /** Stops indexing or verification; a later run resumes. */
  signal?: AbortSignal;
  /** Called as each phase progresses. */
  onProgress?: (progress: RebaseProgress) => void;
  /** Test hook passed to indexing (a throw simulates a crash mid-index). */
  afterBatch?: (batch: number) => void | Promise<void>;
}

/** The checks a model's vectors passed (or not) before it may become active. */
export interface RebaseVerification {
  /** Active entities sampled. */
  sample: number;
  /** Share of sampled entities found by their own name within topK. */
  selfRecall: number;
  /** Names that did not retrieve their entity (first 20). */
  misses: string[];
  /** Mean overlap of the top overlapK neighbours under the old and the new model; null without an old model. */
  neighbourOverlap: number | null;
  /** `selfRecall` reached `minSelfRecall`; the neighbour overlap is reported, not checked. */
  passed: boolean;
}

/** What {@link rebase} did. */
export interface RebaseReport {
  /** The model active before the call, if any. */
  from: EmbeddingModel | null;
  /** The target model's registry row. */
  to: EmbeddingModel;
  /** The indexing run; null when an earlier run had already switched and this one only cleaned up. */
  indexed: IndexResult | null;
  verification: RebaseVerification;
  /** True when the target model is the active one after this call. */
  switched: boolean;
  /** Vectors of retired models dropped; null when kept (`keepOldVectors`) or not switched. */
  droppedOldVectors: { entities: number; chunks: number } | null;
}

/** Verifies a model's vectors: self-retrieval by name, and neighbour overlap with another model. */
export async function verifyModel(
  store: KnowledgeStore,
  embedder: Embedder,
  model: EmbeddingModel,
  previous: EmbeddingModel | null,
  options: RebaseOptions = {},
): Promise<RebaseVerification> {
  const topK = options.topK ?? 3;
  const ids = await sampleEntityIds(store.db, store.workspaceId, options.sampleSize ?? 200, ['active']);
  const entities = await store.getEntities(ids);
  const vectors = await embedder.embed(
    entities.map((e) => e.name),
    { signal: options.signal },
  );
  let found = 0;
  const misses: string[] = [];
  for (const [i, e] of entities.entries()) {
    throwIfAborted(options.signal);
    const v = vectors[i];
    const hits = v ? await store.searchEntitiesByVector(v, { modelId: model.id, k: topK }) : [];
    if (hits.some((h) => h.item.id === e.id)) found += 1;
    else if (misses.length < 20) misses.push(e.name);
    options.onProgress?.({ phase: 'verify', done: i + 1, total: entities.length });
  }
  const selfRecall = entities.length === 0 ? 1 : found / entities.length;

  let neighbourOverlap: number | null = null;
  const overlapK = options.overlapK ?? 10;
  if (previous && overlapK > 0 && entities.length > 0) {
    const probe = ids.slice(0, 50);
    const [oldVecs, newVecs] = await Promise.all([
      getEntityVectors(store.db, store.workspaceId, previous.id, probe),
      getEntityVectors(store.db, store.workspaceId, model.id, probe),
    ]);
    let sum = 0;
    let n = 0;
    for (const id of probe) {
      const a = oldVecs.get(id);
      const b = newVecs.get(id);
      if (!a || !b) continue;
      const [oldHits, newHits] = [
        await store.searchEntitiesByVector(a, { modelId: previous.id, k: overlapK + 1 }),
        await store.searchEntitiesByVector(b, { modelId: model.id, k: overlapK + 1 }),
      ];
      const oldSet = new Set(oldHits.map((h) => h.item.id).filter((x) => x !== id));
      const newIds = newHits.map((h) => h.item.id).filter((x) => x !== id);
      const denom = Math.max(1, Math.min(overlapK, oldSet.size));
      sum += newIds.filter((x) => oldSet.has(x)).length / denom;
      n += 1;
    }
    neighbourOverlap = n > 0 ? sum / n : null;
  }
  return {
    sample: entities.length,
    selfRecall,
    misses,
    neighbourOverlap,
    passed: selfRecall >= (options.minSelfRecall ?? 0.99),
  };
}

/** Drops the vectors (and indexes) of every retired model. */
async function dropRetiredVectors(store: KnowledgeStore): Promise<{ entities: number; chunks: number }> {
  const total = { entities: 0, chunks: 0 };
  for (const m of await store.models.list()) {
    if (m.state !== 'retired') continue;
    const dropped = await store.deleteModelVectors(m.id);
    total.entities += dropped.entities;
    total.chunks += dropped.chunks;
  }
  return total;
}

/**
 * Re-bases the workspace's vectors onto `target` (see the module comment). A failed verification
 * returns `switched: false` and leaves the old model active.
 * @throws ConflictError (`CONFLICT`) when `target` is already active and there is nothing to clean
 * up; CancelledError (`CANCELLED`) when `signal` fires.
 */
export async function rebase(
  store: KnowledgeStore,
  target: Embedder,
  options: RebaseOptions = {},
): Promise<RebaseReport> {
  const { signal } = options;
  const from = await store.getActiveModel();
  if (from && from.name === target.modelId && from.fileHash === target.fileHash) {
    // Already switched (perhaps by a run that crashed before cleaning up): finish the cleanup.
    const droppedOldVectors = options.keepOldVectors ? null : await dropRetiredVectors(store);
    if (!droppedOldVectors || droppedOldVectors.entities + droppedOldVectors.chunks === 0) {
      throw new ConflictError(
        `${target.modelId} is already the active model; use \`rustygpt reindex\` to refresh it`,
      );
    }
    const verification = { sample: 0, selfRecall: 1, misses: [], neighbourOverlap: null, passed: true };
    return { from, to: from, indexed: null, verification, switched: true, droppedOldVectors };
  }
  // A model retired by an earlier re-base can come back: it is rebuilt like a new one.
  const existing = await store.models.getByName(target.modelId);
  if (existing && existing.state === 'retired') await store.models.setState(existing.id, 'building');

  const indexed = await indexEmbeddings(store, target, {
    activateIfNone: false,
    batchSize: options.batchSize,
    signal,
    afterBatch: options.afterBatch,
    onProgress: (progress) => options.onProgress?.({ phase: 'index', progress }),
  });
  throwIfAborted(signal);
  const to = indexed.model;
  const verification = await verifyModel(store, target, to, from, options);
  if (!verification.passed) {
    return { from, to, indexed, verification, switched: false, droppedOldVectors: null };
  }
  options.onProgress?.({ phase: 'switch' });
  const active = await store.setActiveModel(to.id);
  options.onProgress?.({ phase: 'cleanup' });
  const droppedOldVectors = options.keepOldVectors ? null : await dropRetiredVectors(store);
  return { from, to: active, indexed, verification, switched: true, droppedOldVectors };
}
