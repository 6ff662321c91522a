/**
 * Incremental (re-)embedding of entities and resource chunks into one embedding model. Plan:
 * build each entity's canonical document and each chunk's hash, and queue (in embedding_jobs)
 * only the targets whose stored vector has a different content hash. Drain: claim batches,
 * embed, store vectors, mark done. The queue lives in the database, so an interrupted run
 * resumes where it stopped; embedding of one batch overlaps the database write of the previous.
 */
import { ConflictError, throwIfAborted, ValidationError, type Embedder, type Entity } from '@rustygpt/core';
import {
  deleteArchivedEntityVectors,
  EmbeddingJobRepository,
  claimWorkspaceEmbeddingJobs,
  forceEmbeddingJobs,
  getChunksByIds,
  type EmbeddingJob,
  type EmbeddingModel,
  type KnowledgeStore,
  type VectorRow,
} from '@rustygpt/store';
import { contentHash } from './batching-embedder';
import { normalize } from './vector-math';
import {
  entityDocument,
  MAX_DOCUMENT_RELATIONS,
  type DocumentRelation,
  type EntityDocument,
} from './entity-document';

/** Entity states that get vectors (archived entities leave the index). */
export const EMBEDDED_STATES = ['active', 'inactive'] as const;

/** Progress of {@link indexEmbeddings}: `plan` while targets are queued, `embed` as batches are stored. */
export interface IndexProgress {
  phase: 'plan' | 'embed';
  /** Targets done in this phase. */
  done: number;
  /** Targets in this phase (known once planning finished). */
  total: number;
}

/** Options of {@link indexEmbeddings}. */
export interface IndexOptions {
  /** Re-embed every target, not only those whose content changed. */
  all?: boolean;
  /** Only plan these entities (e.g. the ones an ingest touched); chunks are planned unless `entityIds` is given. */
  entityIds?: number[];
  /** Targets per claimed batch (default 256). */
  batchSize?: number;
  /** Make this model active when no model is active yet (default true; re-base passes false). */
  activateIfNone?: boolean;
  /** Stops between batches; what is stored stays, and the next run resumes the queue. */
  signal?: AbortSignal;
  /** Called as targets are queued and as batches are stored. */
  onProgress?: (progress: IndexProgress) => void;
  /** Test hook: called after each stored batch (a throw simulates a crash mid-run). */
  afterBatch?: (batch: number) => void | Promise<void>;
}

/** What {@link indexEmbeddings} did. */
export interface IndexResult {
  /** The model's registry row after the run (active if it was activated). */
  model: EmbeddingModel;
  /** Targets queued by this run (changed content, or all with `all`). */
  planned: { entities: number; chunks: number };
  /** Vectors stored by this run (including targets left queued by an interrupted run). */
  embedded: { entities: number; chunks: number };
  /** Vectors of archived entities removed from this model. */
  removedArchived: number;
  /** Wall-clock duration in milliseconds. */
  ms: number;
}

/** Canonical documents of entities, with their strongest relationships (names loaded in bulk). */
export async function buildEntityDocuments(
  store: KnowledgeStore,
  entities: readonly Entity[],
): Promise<Map<number, EntityDocument>> {
  const ids = entities.map((e) => e.id);
  // Only the strongest few of each entity go into its document: cut per entity in SQL, so a
  // hub in the batch neither floods the result nor crowds out the others' relationships.
  const rels =
    ids.length === 0
      ? []
      : await store.relationshipsOf(ids, {
          perEntityLimit: MAX_DOCUMENT_RELATIONS * 2,
          limit: MAX_DOCUMENT_RELATIONS * 2 * ids.length,
        });
  const perEntity = new Map<number, typeof rels>();
  for (const r of rels) {
    const list = perEntity.get(r.entityId) ?? [];
    if (list.length < MAX_DOCUMENT_RELATIONS * 2) list.push(r); // rows come strongest first
    perEntity.set(r.entityId, list);
  }
  const otherIds = new Set<number>();
  for (const list of perEntity.values()) {
    for (const r of list) otherIds.add(r.direction === 'out' ? r.relationship.toId : r.relationship.fromId);
  }
  const known = new Map(entities.map((e) => [e.id, e.name]));
  const missing = [...otherIds].filter((id) => !known.has(id));
  for (const e of missing.length > 0 ? await store.getEntities(missing) : []) known.set(e.id, e.name);
  const docs = new Map<number, EntityDocument>();
  for (const e of entities) {
    const relations: DocumentRelation[] = (perEntity.get(e.id) ?? []).flatMap((r) => {
      const other = known.get(r.direction === 'out' ? r.relationship.toId : r.relationship.fromId);
      return other === undefined
        ? []
        : [
            {
              type: r.relationship.type,
              direction: r.direction,
              otherName: other,
              weight: r.relationship.weight,
            },
          ];
    });
    docs.set(e.id, entityDocument(e, relations));
  }
  return docs;
}

/**
 * Finds (or registers) the registry row of `embedder`. Refuses to write into a retired model
 * (re-activating one is what `rebase` is for).
 */
export async function modelRowFor(store: KnowledgeStore, embedder: Embedder): Promise<EmbeddingModel> {
  const existing = await store.models.getByName(embedder.modelId);
  if (existing && existing.state === 'retired') {
    throw new ConflictError(
      `embedding model ${embedder.modelId} is retired; use \`rustygpt rebase --model ${embedder.modelId}\` to bring it back`,
    );
  }
  return store.registerModel({ name: embedder.modelId, dims: embedder.dims, fileHash: embedder.fileHash });
}

/** Queues what changed (or everything with `all`); returns how many targets were queued. */
async function plan(
  store: KnowledgeStore,
  jobs: EmbeddingJobRepository,
  model: EmbeddingModel,
  options: IndexOptions,
  cache: DocumentCache,
  onQueued: (count: number) => void,
): Promise<{ entities: number; chunks: number }> {
  const { signal } = options;
  const stored = await store.entityEmbeddingHashes(model.id, options.entityIds);
  const enqueue = (
    kind: 'entity' | 'chunk',
    targets: { id: number; contentHash: string }[],
  ): Promise<number> =>
    options.all
      ? forceEmbeddingJobs(store.db, model.id, kind, targets).then(queued)
      : jobs.enqueue(model.id, kind, targets).then(queued);
  const queued = (n: number): number => {
    if (n > 0) onQueued(n);
    return n;
  };
  let entities = 0;
  const page = 1000;
  const visit = async (list: Entity[]): Promise<void> => {
    const docs = await buildEntityDocuments(store, list);
    for (const e of list) {
      const doc = docs.get(e.id);
      if (doc) cache.entities.set(e.id, { name: e.name, doc });
    }
    const changed = list.flatMap((e) => {
      const doc = docs.get(e.id);
      return doc && (options.all || stored.get(e.id) !== doc.contentHash)
        ? [{ id: e.id, contentHash: doc.contentHash }]
        : [];
    });
    entities += await enqueue('entity', changed);
  };
  if (options.entityIds) {
    for (let i = 0; i < options.entityIds.length; i += page) {
      throwIfAborted(signal);
      const list = (await store.getEntities(options.entityIds.slice(i, i + page))).filter((e) =>
        (EMBEDDED_STATES as readonly string[]).includes(e.state),
      );
      await visit(list);
    }
    return { entities, chunks: 0 };
  }
  for (let offset = 0; ; offset += page) {
    throwIfAborted(signal);
    const list = await store.listEntities({ first: page, offset, states: [...EMBEDDED_STATES] });
    if (list.length === 0) break;
    await visit(list);
    if (list.length < page) break;
  }
  const chunkHashes = await store.chunkEmbeddingHashes(model.id);
  let chunks = 0;
  for (let afterId = 0; ;) {
    throwIfAborted(signal);
    const list = await store.listChunks({ afterId, limit: 5000 });
    if (list.length === 0) break;
    const titles = await resourceTitles(
      store,
      list.map((c) => c.resourceId),
    );
    const changed = list.flatMap((c) => {
      const text = chunkEmbeddingText(titles.get(c.resourceId) ?? null, c.text);
      cache.chunks.set(c.id, text);
      const h = contentHash(text);
      return options.all || chunkHashes.get(c.id) !== h ? [{ id: c.id, contentHash: h }] : [];
    });
    chunks += await enqueue('chunk', changed);
    afterId = list[list.length - 1]?.id ?? afterId;
    if (list.length < 5000) break;
  }
  return { entities, chunks };
}

/** What is embedded for a chunk: its resource's title, then its text (titles carry much meaning). */
export function chunkEmbeddingText(title: string | null, text: string): string {
  return title && title.trim() !== '' ? `${title.trim()}. ${text}` : text;
}

async function resourceTitles(
  store: KnowledgeStore,
  resourceIds: number[],
): Promise<Map<number, string | null>> {
  const unique = [...new Set(resourceIds)];
  const out = new Map<number, string | null>();
  for (let i = 0; i < unique.length; i += 1000) {
    for (const r of await store.getResources(unique.slice(i, i + 1000))) out.set(r.id, r.title);
  }
  return out;
}

/**
 * An entity's vector: the mean of its document's and its name's embeddings, so the entity is
 * found both by what is said about it and, reliably, by its own name (re-base verification
 * asks exactly that; a neighbour's document often mentions the name too).
 */
export function entityVector(documentVector: Float32Array, nameVector: Float32Array): Float32Array {
  const sum = new Float32Array(documentVector.length);
  for (let i = 0; i < sum.length; i++) sum[i] = (documentVector[i] ?? 0) + (nameVector[i] ?? 0);
  return normalize(sum);
}

interface PreparedBatch {
  jobs: ClaimedJob[];
  entityRows: { id: number; text: string; name: string; hash: string }[];
  chunkRows: { id: number; text: string; hash: string }[];
}

type ClaimedJob = Pick<EmbeddingJob, 'id' | 'targetKind' | 'targetId'>;

/**
 * Documents and chunk texts computed while planning, reused when the batch is embedded (the
 * stored hash is always the hash of the text actually embedded, so a change in between is
 * caught by the next run).
 */
interface DocumentCache {
  entities: Map<number, { name: string; doc: EntityDocument }>;
  chunks: Map<number, string>;
}

async function prepare(
  store: KnowledgeStore,
  claimed: ClaimedJob[],
  cache: DocumentCache,
): Promise<PreparedBatch> {
  const entityRows: PreparedBatch['entityRows'] = [];
  const chunkRows: PreparedBatch['chunkRows'] = [];
  const entityMisses: number[] = [];
  const chunkMisses: number[] = [];
  for (const j of claimed) {
    if (j.targetKind === 'entity') {
      const hit = cache.entities.get(j.targetId);
      if (hit)
        entityRows.push({ id: j.targetId, text: hit.doc.text, name: hit.name, hash: hit.doc.contentHash });
      else entityMisses.push(j.targetId);
    } else {
      const text = cache.chunks.get(j.targetId);
      if (text !== undefined) chunkRows.push({ id: j.targetId, text, hash: contentHash(text) });
      else chunkMisses.push(j.targetId);
    }
  }
  // Jobs queued by an earlier (interrupted) run: load what they point at.
  const entities = (await store.getEntities(entityMisses)).filter((e) =>
    (EMBEDDED_STATES as readonly string[]).includes(e.state),
  );
  const docs = await buildEntityDocuments(store, entities);
  for (const e of entities) {
    const d = docs.get(e.id);
    if (d) entityRows.push({ id: e.id, text: d.text, name: e.name, hash: d.contentHash });
  }
  const chunks = await getChunksByIds(store.db, store.workspaceId, chunkMisses);
  const titles = await resourceTitles(
    store,
    chunks.map((c) => c.resourceId),
  );
  for (const c of chunks) {
    const text = chunkEmbeddingText(titles.get(c.resourceId) ?? null, c.text);
    chunkRows.push({ id: c.id, text, hash: contentHash(text) });
  }
  return { jobs: claimed, entityRows, chunkRows };
}

/**
 * Stores vectors; when some targets were deleted meanwhile (the store refuses the whole batch),
 * stores the survivors only.
 */
async function upsertSurvivors(
  rows: VectorRow[],
  upsert: (rows: VectorRow[]) => Promise<number>,
  existing: (ids: number[]) => Promise<Set<number>>,
): Promise<number> {
  if (rows.length === 0) return 0;
  try {
    return await upsert(rows);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const alive = await existing(rows.map((r) => r.id));
    const survivors = rows.filter((r) => alive.has(r.id));
    return survivors.length === rows.length ? Promise.reject(error) : upsert(survivors);
  }
}

/**
 * Brings one model's vectors up to date with the graph. Safe to interrupt: run it again and it
 * continues from the queue.
 * @throws ConflictError (`CONFLICT`) for a retired model; CancelledError (`CANCELLED`) when
 * `signal` fires.
 */
export async function indexEmbeddings(
  store: KnowledgeStore,
  embedder: Embedder,
  options: IndexOptions = {},
): Promise<IndexResult> {
  const started = performance.now();
  const { signal } = options;
  const model = await modelRowFor(store, embedder);
  const jobs = new EmbeddingJobRepository(store.db);
  await jobs.resume(model.id);
  const removedArchived = await deleteArchivedEntityVectors(store.db, store.workspaceId, model.id);
  const cache: DocumentCache = { entities: new Map(), chunks: new Map() };
  // Planning and embedding run together: batches are claimed as soon as planning queues them.
  let total = (await jobs.counts(model.id)).queued;
  let planning = true;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const planned = plan(store, jobs, model, options, cache, (n) => {
    total += n;
    options.onProgress?.({ phase: 'plan', done: total, total });
    notify();
  }).finally(() => {
    planning = false;
    notify();
  });
  planned.catch(() => undefined); // awaited below
  const embedded = { entities: 0, chunks: 0 };
  let done = 0;
  let batchNo = 0;
  // Vectors of a new model go straight into its HNSW index: the index upkeep happens in the
  // writes, which overlap with embedding, instead of in a build at the end.
  await store.ensureModelIndex(model.id, model.dims);

  const write = async (batch: PreparedBatch, vectors: Float32Array[]): Promise<void> => {
    const n = batch.entityRows.length;
    const entityVectors: VectorRow[] = batch.entityRows.map((r, i) => ({
      id: r.id,
      vector: entityVector(vectors[i] as Float32Array, vectors[n + i] as Float32Array),
      contentHash: r.hash,
    }));
    const chunkVectors: VectorRow[] = batch.chunkRows.map((r, i) => ({
      id: r.id,
      vector: vectors[2 * n + i] as Float32Array,
      contentHash: r.hash,
    }));
    embedded.entities += await upsertSurvivors(
      entityVectors,
      (rows) => store.upsertEntityEmbeddings(model.id, rows),
      async (ids) => new Set((await store.getEntities(ids)).map((e) => e.id)),
    );
    embedded.chunks += await upsertSurvivors(
      chunkVectors,
      (rows) => store.upsertChunkEmbeddings(model.id, rows),
      async (ids) => new Set((await getChunksByIds(store.db, store.workspaceId, ids)).map((c) => c.id)),
    );
    await jobs.markDone(batch.jobs.map((j) => j.id));
    done += batch.jobs.length;
    batchNo += 1;
    options.onProgress?.({ phase: 'embed', done, total });
    await options.afterBatch?.(batchNo);
  };

  // Claimed rows of an interrupted run stay `running`; the next run's `resume` re-queues them.
  // Pipeline: while batch i is embedded (llama.cpp threads), batch i+1 is claimed and prepared
  // and batch i-1 is written (database work on this thread).
  const next = async (): Promise<PreparedBatch | null> => {
    for (;;) {
      throwIfAborted(signal);
      const wasPlanning = planning;
      const claimed = await claimWorkspaceEmbeddingJobs(
        store.db,
        store.workspaceId,
        model.id,
        options.batchSize ?? 256,
      );
      if (claimed.length > 0) return prepare(store, claimed, cache);
      if (!wasPlanning) {
        await planned; // surfaces a planning error
        return null;
      }
      if (planning) await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  let upcoming = next();
  let writing: Promise<void> = Promise.resolve();
  for (;;) {
    const batch = await upcoming;
    if (!batch) break;
    const embedding = embedder.embed(
      [
        ...batch.entityRows.map((r) => r.text),
        ...batch.entityRows.map((r) => r.name),
        ...batch.chunkRows.map((r) => r.text),
      ],
      { signal },
    );
    embedding.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
    await writing;
    upcoming = next();
    upcoming.catch(() => undefined);
    const vectors = await embedding;
    writing = write(batch, vectors);
    writing.catch(() => undefined);
  }
  await writing;
  const plannedCounts = await planned;
  await store.ensureModelIndex(model.id, model.dims);
  let final = (await store.models.get(model.id)) ?? model;
  if (options.activateIfNone !== false && !(await store.getActiveModel())) {
    final = await store.setActiveModel(model.id);
  }
  return { model: final, planned: plannedCounts, embedded, removedArchived, ms: performance.now() - started };
}
