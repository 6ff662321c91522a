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
 * Upserts vectors of one model in bulk (call inside a transaction). Embedded mode replaces them
 * with a binary COPY (float4s, no text parsing); server mode sends text literals in `unnest`
 * statements. Every target id must exist in the workspace, or nothing is written.
 */
export async function upsertVectors(
  q: Queryable,
  workspaceId: number,
  model: EmbeddingModel,
  target: 'entity' | 'chunk',
  input: VectorRow[],
): Promise<number> {
  if (input.length === 0) return 0;
  input.forEach((r, i) => checkDims(model, r.vector, `$[${i}].vector`));
  const rows = [...new Map(input.map((r) => [r.id, r])).values()]; // last vector for an id wins
  const ids = rows.map((r) => r.id);
  const table = target === 'entity' ? 'entity_embeddings' : 'chunk_embeddings';
  const idColumn = target === 'entity' ? 'entity_id' : 'chunk_id';
  const owned =
    target === 'entity'
      ? 'SELECT e.id FROM entities e WHERE e.id = ANY($1::bigint[]) AND e.workspace_id = $2'
      : `SELECT c.id FROM resource_chunks c JOIN external_resources res ON res.id = c.resource_id
          WHERE c.id = ANY($1::bigint[]) AND res.workspace_id = $2`;
  const found = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${owned}) o`, [ids, workspaceId]);
  const missing = ids.length - Number(found[0]?.n ?? 0);
  if (missing > 0) {
    throw new ValidationError(
      `${missing} vector${missing === 1 ? '' : 's'} refer to ${target === 'entity' ? 'entities' : 'chunks'} that do not exist in this workspace`,
    );
  }
  if (q.copyFromBinary) {
    // Embedded: replace, then stream float4s with binary COPY (no text parsing, one pass).
    await q.query(`DELETE FROM ${table} WHERE model_id = $1 AND ${idColumn} = ANY($2::bigint[])`, [model.id, ids]);
    for (let i = 0; i < rows.length; i += 5000) {
      const batch: CopyValue[][] = rows.slice(i, i + 5000).map((r) => [
        { kind: 'int8', value: r.id },
        { kind: 'int8', value: model.id },
        { kind: 'vector', value: r.vector },
        { kind: 'text', value: r.contentHash },
      ]);
      await q.copyFromBinary(
        `COPY ${table} (${idColumn}, model_id, embedding, content_hash) FROM '/dev/blob' WITH (FORMAT binary)`,
        encodeBinaryCopy(batch),
      );
    }
    return rows.length;
  }
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = rows.slice(i, i + 2000);
    await q.query(
      `INSERT INTO ${table} (${idColumn}, model_id, embedding, content_hash)
       SELECT x.id, $1, x.v::vector, x.h FROM unnest($2::bigint[], $3::text[], $4::text[]) AS x(id, v, h)
       ON CONFLICT (${idColumn}, model_id) DO UPDATE
         SET embedding = EXCLUDED.embedding, content_hash = EXCLUDED.content_hash, updated_at = now()`,
      [model.id, batch.map((r) => r.id), batch.map((r, j) => toVectorLiteral(r.vector, `$[${i + j}].vector`)), batch.map((r) => r.contentHash)],
    );
  }
  return rows.length;
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
