import { ValidationError, type EntityState } from '@rustygpt/core';
import { encodeBinaryCopy, type CopyValue } from './binary-copy';
import type { Queryable } from './database';
import type { EmbeddingModel } from './embedding-models';
import { ENTITY_COLUMNS, type EntityRow } from './entity-rows';
import { toVectorLiteral } from './vector';

/** One vector to store, keyed by the entity or chunk it embeds. */
export interface VectorRow {
  id: number;
  vector: ArrayLike<number>;
  contentHash: string;
}

function checkDims(model: EmbeddingModel, vector: ArrayLike<number>, where: string): void {
  if (vector.length !== model.dims) {
    throw new ValidationError(
      `vector has ${vector.length} dimensions; model ${model.name} has ${model.dims}`,
      where,
    );
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
  const found = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${owned}) o`, [
    ids,
    workspaceId,
  ]);
  const missing = ids.length - Number(found[0]?.n ?? 0);
  if (missing > 0) {
    throw new ValidationError(
      `${missing} vector${missing === 1 ? '' : 's'} refer to ${target === 'entity' ? 'entities' : 'chunks'} that do not exist in this workspace`,
    );
  }
  if (q.copyFromBinary) {
    // Embedded: replace, then stream float4s with binary COPY (no text parsing, one pass).
    await q.query(`DELETE FROM ${table} WHERE model_id = $1 AND ${idColumn} = ANY($2::bigint[])`, [
      model.id,
      ids,
    ]);
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
      [
        model.id,
        batch.map((r) => r.id),
        batch.map((r, j) => toVectorLiteral(r.vector, `$[${i + j}].vector`)),
        batch.map((r) => r.contentHash),
      ],
    );
  }
  return rows.length;
}

/** Filters of an entity vector search. */
export interface VectorSearchOptions {
  k: number;
  types?: string[];
  states?: EntityState[];
  /** HNSW candidate list size (default max(64, 2 x candidates)); higher = better recall, slower. */
  efSearch?: number;
}

/** The HNSW candidate list size of one search (SET LOCAL: call inside a transaction). */
async function tuneSearch(q: Queryable, k: number, efSearch: number | undefined): Promise<void> {
  const ef = Math.max(k, Math.min(1000, Math.trunc(efSearch ?? Math.max(64, 2 * k))));
  await q.exec(`SET LOCAL hnsw.ef_search = ${ef}`);
}

/** Top candidates of one model from its HNSW index alone (no joins, so the planner always uses it). */
async function candidates(
  q: Queryable,
  table: 'entity_embeddings' | 'chunk_embeddings',
  model: EmbeddingModel,
  literal: string,
  limit: number,
): Promise<{ ids: number[]; scores: number[] }> {
  const d = model.dims;
  const idColumn = table === 'entity_embeddings' ? 'entity_id' : 'chunk_id';
  const rows = await q.query<{ id: number; score: number }>(
    `SELECT ${idColumn} AS id, 1 - (embedding::vector(${d}) <=> $1::vector(${d})) AS score
       FROM ${table} WHERE model_id = $2
      ORDER BY embedding::vector(${d}) <=> $1::vector(${d}) LIMIT $3`,
    [literal, model.id, limit],
  );
  return { ids: rows.map((r) => Number(r.id)), scores: rows.map((r) => Number(r.score)) };
}

/** How many candidates the index yields (when all were filtered out, to know if more exist). */
async function countCandidates(
  q: Queryable,
  model: EmbeddingModel,
  literal: string,
  limit: number,
): Promise<number> {
  return (await candidates(q, 'entity_embeddings', model, literal, limit)).ids.length;
}

/** Largest candidate list asked of the index before falling back to an exact filtered scan. */
const MAX_CANDIDATES = 1000;

/**
 * Nearest entities to `vector` under one model, whole (ENTITY_COLUMNS) with cosine similarity.
 * Candidates come from the model's partial HNSW index alone (same `embedding::vector(N)` cast as
 * the index, so the planner uses it whatever the statistics say), then workspace/type/state
 * filters are applied; when filters leave fewer than k, the candidate list grows (x4) and, past
 * 1,000, an exact filtered scan answers. Call inside a transaction (SET LOCAL).
 */
export async function searchEntityVectors(
  q: Queryable,
  workspaceId: number,
  model: EmbeddingModel,
  vector: ArrayLike<number>,
  options: VectorSearchOptions,
): Promise<(EntityRow & { score: number })[]> {
  checkDims(model, vector, 'vector');
  const k = Math.max(1, Math.min(MAX_CANDIDATES, Math.trunc(options.k)));
  const literal = toVectorLiteral(vector, 'vector');
  const filters = `e.workspace_id = $1
    AND ($2::text[] IS NULL OR e.type = ANY($2::text[]))
    AND ($3::text[] IS NULL OR e.state = ANY($3::text[]))`;
  const filterParams = [workspaceId, options.types ?? null, options.states ?? null];
  // Small slack by default (archived entities and other workspaces are usually few); more with a type filter.
  let limit = Math.min(MAX_CANDIDATES, options.types ? 4 * k : k + 10);
  for (;;) {
    await tuneSearch(q, limit, options.efSearch);
    const d = model.dims;
    // One statement: the MATERIALIZED CTE is planned alone (single table: the HNSW index), then
    // the candidates are filtered and loaded through primary-key lookups.
    const rows = await q.query<EntityRow & { score: number; candidates: number }>(
      `WITH c AS MATERIALIZED (
         SELECT entity_id AS id, 1 - (embedding::vector(${d}) <=> $4::vector(${d})) AS score
           FROM entity_embeddings WHERE model_id = $5
          ORDER BY embedding::vector(${d}) <=> $4::vector(${d}) LIMIT $7)
       SELECT ${ENTITY_COLUMNS}, c.score, (SELECT count(*)::int FROM c) AS candidates
         FROM c CROSS JOIN LATERAL (SELECT * FROM entities x WHERE x.id = c.id OFFSET 0) e
        WHERE ${filters}
        ORDER BY c.score DESC, e.id LIMIT $6`,
      [...filterParams, literal, model.id, k, limit],
    );
    if (rows.length >= k) return rows;
    const found =
      rows.length > 0 ? Number(rows[0]!.candidates) : await countCandidates(q, model, literal, limit);
    if (found < limit) return rows;
    if (limit >= MAX_CANDIDATES) break;
    limit = Math.min(MAX_CANDIDATES, limit * 4);
  }
  const d = model.dims;
  await q.exec('SET LOCAL enable_indexscan = off');
  return q.query<EntityRow & { score: number }>(
    `SELECT ${ENTITY_COLUMNS}, 1 - (ee.embedding::vector(${d}) <=> $4::vector(${d})) AS score
       FROM entity_embeddings ee JOIN entities e ON e.id = ee.entity_id
      WHERE ee.model_id = $5 AND ${filters}
      ORDER BY ee.embedding::vector(${d}) <=> $4::vector(${d}), e.id LIMIT $6`,
    [...filterParams, literal, model.id, k],
  );
}

/** Chunk ids nearest to `vector` under one model, with cosine similarity (same strategy as entities). */
export async function searchChunkVectors(
  q: Queryable,
  workspaceId: number,
  model: EmbeddingModel,
  vector: ArrayLike<number>,
  options: { k: number; efSearch?: number },
): Promise<{ id: number; score: number }[]> {
  checkDims(model, vector, 'vector');
  const k = Math.max(1, Math.min(MAX_CANDIDATES, Math.trunc(options.k)));
  const literal = toVectorLiteral(vector, 'vector');
  let limit = Math.min(MAX_CANDIDATES, k + 10);
  for (;;) {
    await tuneSearch(q, limit, options.efSearch);
    const c = await candidates(q, 'chunk_embeddings', model, literal, limit);
    const rows = await q.query<{ id: number; score: number }>(
      `SELECT c.id, c.score FROM unnest($2::bigint[], $3::float8[]) AS c(id, score)
         CROSS JOIN LATERAL (SELECT resource_id FROM resource_chunks x WHERE x.id = c.id OFFSET 0) rc
         CROSS JOIN LATERAL (SELECT workspace_id FROM external_resources x WHERE x.id = rc.resource_id OFFSET 0) res
        WHERE res.workspace_id = $1 ORDER BY c.score DESC, c.id LIMIT $4`,
      [workspaceId, c.ids, c.scores, k],
    );
    if (rows.length >= k || c.ids.length < limit || limit >= MAX_CANDIDATES) {
      return rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
    }
    limit = Math.min(MAX_CANDIDATES, limit * 4);
  }
}
