import { ValidationError, type EntityState } from '@rustygpt/core';
import { encodeBinaryCopy, type CopyValue } from './binary-copy';
import type { Queryable } from './database';
import type { EmbeddingModel } from './embedding-models';
import { toVectorLiteral } from './vector';

/** One vector to store, keyed by the entity or chunk it embeds. */
export interface VectorRow {
  id: number;
  vector: ArrayLike<number>;
  contentHash: string;
}

function checkDims(model: EmbeddingModel, vector: ArrayLike<number>, where: string): void {
  if (vector.length !== model.dims) {
    throw new ValidationError(`vector has ${vector.length} dimensions; model ${model.name} has ${model.dims}`, where);
  }
}

/**
 * Upserts vectors of one model in bulk (call inside a transaction). Embedded mode streams them as
 * binary COPY into a staging table (float4s, no text parsing); server mode sends text literals in
 * one `unnest` statement. Every target id must exist in the workspace, or nothing is written.
 */
export async function upsertVectors(
  q: Queryable,
  workspaceId: number,
  model: EmbeddingModel,
  target: 'entity' | 'chunk',
  rows: VectorRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  rows.forEach((r, i) => checkDims(model, r.vector, `$[${i}].vector`));
  const table = target === 'entity' ? 'entity_embeddings' : 'chunk_embeddings';
  const idColumn = target === 'entity' ? 'entity_id' : 'chunk_id';
  const owner =
    target === 'entity'
      ? 'SELECT s.id FROM _rg_stage s JOIN entities e ON e.id = s.id AND e.workspace_id = $1'
      : `SELECT s.id FROM _rg_stage s JOIN resource_chunks c ON c.id = s.id
           JOIN external_resources res ON res.id = c.resource_id AND res.workspace_id = $1`;
  await q.exec('CREATE TEMP TABLE IF NOT EXISTS _rg_stage (id bigint, embedding vector, content_hash text) ON COMMIT DELETE ROWS');
  await q.exec('TRUNCATE _rg_stage');
  if (q.copyFromBinary) {
    for (let i = 0; i < rows.length; i += 10_000) {
      const batch: CopyValue[][] = rows.slice(i, i + 10_000).map((r) => [
        { kind: 'int8', value: r.id },
        { kind: 'vector', value: r.vector },
        { kind: 'text', value: r.contentHash },
      ]);
      await q.copyFromBinary("COPY _rg_stage (id, embedding, content_hash) FROM '/dev/blob' WITH (FORMAT binary)", encodeBinaryCopy(batch));
    }
  } else {
    for (let i = 0; i < rows.length; i += 2000) {
      const batch = rows.slice(i, i + 2000);
      await q.query(
        `INSERT INTO _rg_stage (id, embedding, content_hash)
         SELECT x.id, x.v::vector, x.h FROM unnest($1::bigint[], $2::text[], $3::text[]) AS x(id, v, h)`,
        [batch.map((r) => r.id), batch.map((r, j) => toVectorLiteral(r.vector, `$[${i + j}].vector`)), batch.map((r) => r.contentHash)],
      );
    }
  }
  const check = await q.query<{ missing: number }>(
    `SELECT count(*)::int AS missing FROM _rg_stage s WHERE s.id NOT IN (${owner})`,
    [workspaceId],
  );
  const missing = Number(check[0]?.missing ?? 0);
  if (missing > 0) {
    throw new ValidationError(`${missing} vector${missing === 1 ? '' : 's'} refer to ${target === 'entity' ? 'entities' : 'chunks'} that do not exist in this workspace`);
  }
  const written = await q.query<{ n: number }>(
    `WITH up AS (
       INSERT INTO ${table} (${idColumn}, model_id, embedding, content_hash)
       SELECT DISTINCT ON (s.id) s.id, $1, s.embedding, s.content_hash FROM _rg_stage s ORDER BY s.id
       ON CONFLICT (${idColumn}, model_id) DO UPDATE
         SET embedding = EXCLUDED.embedding, content_hash = EXCLUDED.content_hash, updated_at = now()
       RETURNING 1)
     SELECT count(*)::int AS n FROM up`,
    [model.id],
  );
  await q.exec('TRUNCATE _rg_stage');
  return Number(written[0]?.n ?? 0);
}

/** Filters of an entity vector search. */
export interface VectorSearchOptions {
  k: number;
  types?: string[];
  states?: EntityState[];
  /** HNSW candidate list size (default max(40, 2k)); higher = better recall, slower. */
  efSearch?: number;
}

/**
 * Entity ids nearest to `vector` under one model, with cosine similarity. The ORDER BY uses the
 * same `embedding::vector(N)` cast as the model's partial index so the planner picks HNSW;
 * iterative scans keep filtered searches from returning fewer than k rows.
 */
export async function searchEntityVectors(
  q: Queryable,
  workspaceId: number,
  model: EmbeddingModel,
  vector: ArrayLike<number>,
  options: VectorSearchOptions,
): Promise<{ id: number; score: number }[]> {
  checkDims(model, vector, 'vector');
  const d = model.dims;
  const k = Math.max(1, Math.min(1000, Math.trunc(options.k)));
  const ef = Math.max(k, Math.min(1000, Math.trunc(options.efSearch ?? Math.max(40, 2 * k))));
  await q.exec(`SET LOCAL hnsw.ef_search = ${ef}; SET LOCAL hnsw.iterative_scan = relaxed_order`);
  const rows = await q.query<{ id: number; score: number }>(
    `SELECT * FROM (
       SELECT ee.entity_id AS id, 1 - (ee.embedding::vector(${d}) <=> $1::vector(${d})) AS score
         FROM entity_embeddings ee JOIN entities e ON e.id = ee.entity_id
        WHERE ee.model_id = $2 AND e.workspace_id = $3
          AND ($4::text[] IS NULL OR e.type = ANY($4::text[]))
          AND ($5::text[] IS NULL OR e.state = ANY($5::text[]))
        ORDER BY ee.embedding::vector(${d}) <=> $1::vector(${d})
        LIMIT $6) x
     ORDER BY score DESC`,
    [toVectorLiteral(vector, 'vector'), model.id, workspaceId, options.types ?? null, options.states ?? null, k],
  );
  return rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
}

/** Chunk ids nearest to `vector` under one model, with cosine similarity (same index rules as entities). */
export async function searchChunkVectors(
  q: Queryable,
  workspaceId: number,
  model: EmbeddingModel,
  vector: ArrayLike<number>,
  options: { k: number; efSearch?: number },
): Promise<{ id: number; score: number }[]> {
  checkDims(model, vector, 'vector');
  const d = model.dims;
  const k = Math.max(1, Math.min(1000, Math.trunc(options.k)));
  const ef = Math.max(k, Math.min(1000, Math.trunc(options.efSearch ?? Math.max(40, 2 * k))));
  await q.exec(`SET LOCAL hnsw.ef_search = ${ef}; SET LOCAL hnsw.iterative_scan = relaxed_order`);
  const rows = await q.query<{ id: number; score: number }>(
    `SELECT * FROM (
       SELECT ce.chunk_id AS id, 1 - (ce.embedding::vector(${d}) <=> $1::vector(${d})) AS score
         FROM chunk_embeddings ce
         JOIN resource_chunks c ON c.id = ce.chunk_id
         JOIN external_resources res ON res.id = c.resource_id
        WHERE ce.model_id = $2 AND res.workspace_id = $3
        ORDER BY ce.embedding::vector(${d}) <=> $1::vector(${d})
        LIMIT $4) x
     ORDER BY score DESC`,
    [toVectorLiteral(vector, 'vector'), model.id, workspaceId, k],
  );
  return rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
}
