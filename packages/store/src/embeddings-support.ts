/**
 * Reads that re-indexing and re-basing need beyond the KnowledgeStore surface (written by the
 * models helper): stored vectors of a model, a deterministic entity sample for re-base
 * verification, vector counts, chunks by id, and removal of archived entities' vectors.
 */
import type { Queryable } from './database';
import { parseVector } from './vector';

/** Stored entity vectors of one model (entities of the workspace only). */
export async function getEntityVectors(
  q: Queryable,
  workspaceId: number,
  modelId: number,
  entityIds: readonly number[],
): Promise<Map<number, Float32Array>> {
  if (entityIds.length === 0) return new Map();
  const rows = await q.query<{ entity_id: number; v: string }>(
    `SELECT ee.entity_id, ee.embedding::text AS v FROM entity_embeddings ee JOIN entities e ON e.id = ee.entity_id
      WHERE ee.model_id = $1 AND e.workspace_id = $2 AND ee.entity_id = ANY($3::bigint[])`,
    [modelId, workspaceId, [...entityIds]],
  );
  return new Map(rows.map((r) => [Number(r.entity_id), parseVector(r.v)]));
}

/**
 * A deterministic pseudo-random sample of entity ids (same data, same sample), ordered by md5
 * of the id rather than by insertion so it spreads over the whole graph.
 */
export async function sampleEntityIds(
  q: Queryable,
  workspaceId: number,
  n: number,
  states: readonly string[] = ['active'],
): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `SELECT id FROM entities WHERE workspace_id = $1 AND state = ANY($2::text[]) ORDER BY md5(id::text) LIMIT $3`,
    [workspaceId, [...states], Math.max(0, Math.trunc(n))],
  );
  return rows.map((r) => Number(r.id));
}

/** Stored vectors of a model in a workspace, per kind (progress and verification). */
export async function countModelVectors(
  q: Queryable,
  workspaceId: number,
  modelId: number,
): Promise<{ entities: number; chunks: number }> {
  const rows = await q.query<{ e: number; c: number }>(
    `SELECT (SELECT count(*)::int FROM entity_embeddings ee JOIN entities e ON e.id = ee.entity_id
              WHERE ee.model_id = $1 AND e.workspace_id = $2) AS e,
            (SELECT count(*)::int FROM chunk_embeddings ce JOIN resource_chunks c ON c.id = ce.chunk_id
               JOIN external_resources res ON res.id = c.resource_id
              WHERE ce.model_id = $1 AND res.workspace_id = $2) AS c`,
    [modelId, workspaceId],
  );
  return { entities: Number(rows[0]?.e ?? 0), chunks: Number(rows[0]?.c ?? 0) };
}

/** Deletes a model's vectors of archived entities (archived entities leave the index). */
export async function deleteArchivedEntityVectors(
  q: Queryable,
  workspaceId: number,
  modelId: number,
): Promise<number> {
  const rows = await q.query(
    `DELETE FROM entity_embeddings ee USING entities e
      WHERE e.id = ee.entity_id AND ee.model_id = $1 AND e.workspace_id = $2 AND e.state = 'archived'
      RETURNING ee.entity_id`,
    [modelId, workspaceId],
  );
  return rows.length;
}

/** Chunks by id (workspace-scoped), for embedding jobs. */
export async function getChunksByIds(
  q: Queryable,
  workspaceId: number,
  chunkIds: readonly number[],
): Promise<{ id: number; resourceId: number; chunkIndex: number; text: string }[]> {
  if (chunkIds.length === 0) return [];
  const rows = await q.query<{ id: number; resource_id: number; chunk_index: number; text: string }>(
    `SELECT c.id, c.resource_id, c.chunk_index, c.text FROM resource_chunks c
       JOIN external_resources res ON res.id = c.resource_id
      WHERE res.workspace_id = $1 AND c.id = ANY($2::bigint[]) ORDER BY c.id`,
    [workspaceId, [...chunkIds]],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    resourceId: Number(r.resource_id),
    chunkIndex: Number(r.chunk_index),
    text: r.text,
  }));
}

/**
 * Queues targets whatever their previous state (done rows included): a full re-embed
 * (`reindex --all`), where EmbeddingJobRepository.enqueue only re-queues changed content.
 */
export async function forceEmbeddingJobs(
  q: Queryable,
  modelId: number,
  kind: 'entity' | 'chunk',
  targets: readonly { id: number; contentHash: string | null }[],
): Promise<number> {
  if (targets.length === 0) return 0;
  const rows = await q.query(
    `INSERT INTO embedding_jobs AS j (model_id, target_kind, target_id, content_hash)
     SELECT $1, $2, x.id, x.h FROM unnest($3::bigint[], $4::text[]) AS x(id, h)
     ON CONFLICT (model_id, target_kind, target_id) DO UPDATE
       SET content_hash = EXCLUDED.content_hash, state = 'queued', attempts = 0, error = NULL, updated_at = now()
     RETURNING j.id`,
    [modelId, kind, targets.map((t) => t.id), targets.map((t) => t.contentHash)],
  );
  return rows.length;
}

/**
 * Claims up to `limit` queued jobs of a model whose targets belong to one workspace (oldest
 * first) and marks them running: the queue is shared by workspaces, a worker drains its own.
 */
export async function claimWorkspaceEmbeddingJobs(
  q: Queryable,
  workspaceId: number,
  modelId: number,
  limit: number,
): Promise<
  {
    id: number;
    targetKind: 'entity' | 'chunk';
    targetId: number;
    contentHash: string | null;
    attempts: number;
  }[]
> {
  const rows = await q.query<{
    id: number;
    target_kind: 'entity' | 'chunk';
    target_id: number;
    content_hash: string | null;
    attempts: number;
  }>(
    `UPDATE embedding_jobs SET state = 'running', attempts = attempts + 1, updated_at = now()
      WHERE id IN (
        SELECT j.id FROM embedding_jobs j
         WHERE j.model_id = $1 AND j.state = 'queued'
           AND ((j.target_kind = 'entity'
                 AND EXISTS (SELECT 1 FROM entities e WHERE e.id = j.target_id AND e.workspace_id = $2))
             OR (j.target_kind = 'chunk'
                 AND EXISTS (SELECT 1 FROM resource_chunks c JOIN external_resources r ON r.id = c.resource_id
                              WHERE c.id = j.target_id AND r.workspace_id = $2)))
         ORDER BY j.id LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING id, target_kind, target_id, content_hash, attempts`,
    [modelId, workspaceId, Math.max(1, Math.trunc(limit))],
  );
  return rows
    .map((r) => ({
      id: Number(r.id),
      targetKind: r.target_kind,
      targetId: Number(r.target_id),
      contentHash: r.content_hash,
      attempts: Number(r.attempts),
    }))
    .sort((a, b) => a.id - b.id);
}
