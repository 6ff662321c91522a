/** SQL of pruning tiers, archived vectors and reactivation. */
import type { EntityState } from '@rustygpt/core';
import { parseVector, toVectorLiteral, type Queryable } from '@rustygpt/store';
import { dequantize, quantize } from '../quantize';

/** One entity as the pruner sees it. */
export interface UsageRow {
  id: number;
  state: EntityState;
  /** Last use, or creation when never used. */
  touchedAt: Date;
  usageCount: number;
}

/** The next page of entities after `afterId`, with their usage. */
export async function usagePage(
  q: Queryable,
  workspaceId: number,
  afterId: number,
  limit: number,
): Promise<UsageRow[]> {
  const rows = await q.query<{ id: number; state: EntityState; touched: Date; usage: number }>(
    `SELECT e.id, e.state, coalesce(t.last_accessed, e.created_at) AS touched, coalesce(t.usage_count, 0) AS usage
       FROM entities e LEFT JOIN reference_tracking t ON t.entity_id = e.id
      WHERE e.workspace_id = $1 AND e.id > $2 ORDER BY e.id LIMIT $3`,
    [workspaceId, afterId, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    state: r.state,
    touchedAt: new Date(r.touched),
    usageCount: Number(r.usage),
  }));
}

/** Entity counts by state. */
export async function stateCounts(q: Queryable, workspaceId: number): Promise<Record<EntityState, number>> {
  const rows = await q.query<{ state: EntityState; n: number }>(
    'SELECT state, count(*)::int AS n FROM entities WHERE workspace_id = $1 GROUP BY state',
    [workspaceId],
  );
  const out: Record<EntityState, number> = { active: 0, inactive: 0, archived: 0 };
  for (const r of rows) out[r.state] = Number(r.n);
  return out;
}

/**
 * Moves the vectors of archived entities out of entity_embeddings (and so out of every model's
 * HNSW index) into archived_embeddings, int8-quantised. Returns how many vectors moved.
 */
export async function archiveVectors(q: Queryable, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await q.query<{ entity_id: number; model_id: number; v: string; content_hash: string }>(
    `SELECT entity_id, model_id, embedding::text AS v, content_hash FROM entity_embeddings WHERE entity_id = ANY($1::bigint[])`,
    [ids],
  );
  if (rows.length > 0) {
    const payload = rows.map((r) => {
      const vector = parseVector(r.v);
      const qv = quantize(vector);
      return {
        e: Number(r.entity_id),
        m: Number(r.model_id),
        d: vector.length,
        s: qv.scale,
        q: Buffer.from(qv.bytes.buffer, qv.bytes.byteOffset, qv.bytes.byteLength).toString('hex'),
        h: r.content_hash,
      };
    });
    await q.query(
      `INSERT INTO archived_embeddings (entity_id, model_id, dims, scale, quantized, content_hash)
       SELECT x.e, x.m, x.d, x.s, decode(x.q, 'hex'), x.h FROM jsonb_to_recordset($1::jsonb) AS x(e bigint, m bigint, d integer, s real, q text, h text)
       ON CONFLICT (entity_id, model_id) DO UPDATE SET dims = EXCLUDED.dims, scale = EXCLUDED.scale, quantized = EXCLUDED.quantized,
         content_hash = EXCLUDED.content_hash, archived_at = now()`,
      [JSON.stringify(payload)],
    );
  }
  await q.query('DELETE FROM entity_embeddings WHERE entity_id = ANY($1::bigint[])', [ids]);
  return rows.length;
}

/**
 * Puts archived vectors of the given model back into entity_embeddings and drops the archived
 * copies of every model (other models' vectors are recomputed by a re-index). Returns the ids
 * restored; ids without an archived vector for the model need re-embedding.
 */
export async function restoreVectors(q: Queryable, ids: number[], modelId: number | null): Promise<number[]> {
  if (ids.length === 0) return [];
  const restored: number[] = [];
  if (modelId !== null) {
    const rows = await q.query<{ entity_id: number; scale: number; q: string; content_hash: string }>(
      `SELECT entity_id, scale, encode(quantized, 'hex') AS q, content_hash FROM archived_embeddings
        WHERE model_id = $1 AND entity_id = ANY($2::bigint[])`,
      [modelId, ids],
    );
    if (rows.length > 0) {
      const payload = rows.map((r) => ({
        e: Number(r.entity_id),
        v: toVectorLiteral(
          dequantize({ scale: Number(r.scale), bytes: new Uint8Array(Buffer.from(r.q, 'hex')) }),
        ),
        h: r.content_hash,
      }));
      await q.query(
        `INSERT INTO entity_embeddings (entity_id, model_id, embedding, content_hash)
         SELECT x.e, $1, x.v::vector, x.h FROM jsonb_to_recordset($2::jsonb) AS x(e bigint, v text, h text)
         ON CONFLICT (entity_id, model_id) DO NOTHING`,
        [modelId, JSON.stringify(payload)],
      );
      restored.push(...payload.map((p) => p.e));
    }
  }
  await q.query('DELETE FROM archived_embeddings WHERE entity_id = ANY($1::bigint[])', [ids]);
  return restored;
}

/** Entities among `ids` that have no vector under the model. */
export async function withoutVector(q: Queryable, ids: number[], modelId: number): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await q.query<{ id: number }>(
    `SELECT id FROM unnest($1::bigint[]) AS id
      WHERE NOT EXISTS (SELECT 1 FROM entity_embeddings WHERE entity_id = id AND model_id = $2)`,
    [ids, modelId],
  );
  return rows.map((r) => Number(r.id));
}

/** Queues (re-)embedding of entities under a model for the models package's workers. */
export async function queueEmbedding(q: Queryable, modelId: number, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await q.query(
    `INSERT INTO embedding_jobs (model_id, target_kind, target_id) SELECT $1, 'entity', unnest($2::bigint[])
     ON CONFLICT (model_id, target_kind, target_id) DO UPDATE SET state = 'queued', updated_at = now() RETURNING id`,
    [modelId, ids],
  );
  return rows.length;
}

/** Entities among `ids` with their state (locked for the reactivation). */
export async function lockStates(
  q: Queryable,
  workspaceId: number,
  ids: number[],
): Promise<{ id: number; state: EntityState }[]> {
  if (ids.length === 0) return [];
  const rows = await q.query<{ id: number; state: EntityState }>(
    'SELECT id, state FROM entities WHERE workspace_id = $1 AND id = ANY($2::bigint[]) ORDER BY id FOR UPDATE',
    [workspaceId, ids],
  );
  return rows.map((r) => ({ id: Number(r.id), state: r.state }));
}

/** Archived direct neighbours of `ids` linked by a relationship of at least `minWeight` (their cluster). */
export async function archivedCluster(
  q: Queryable,
  ids: number[],
  minWeight: number,
  limit: number,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await q.query<{ id: number }>(
    `SELECT DISTINCT e.id FROM relationships r
       JOIN entities e ON e.id = CASE WHEN r.entity_id_1 = ANY($1::bigint[]) THEN r.entity_id_2 ELSE r.entity_id_1 END
      WHERE (r.entity_id_1 = ANY($1::bigint[]) OR r.entity_id_2 = ANY($1::bigint[])) AND r.weight >= $2
        AND e.state = 'archived' AND NOT e.id = ANY($1::bigint[])
      ORDER BY e.id LIMIT $3`,
    [ids, minWeight, limit],
  );
  return rows.map((r) => Number(r.id));
}

/** The active embedding model (id), or null. */
export async function activeModelId(q: Queryable): Promise<number | null> {
  const rows = await q.query<{ id: number }>("SELECT id FROM embedding_models WHERE state = 'active'");
  return rows[0] ? Number(rows[0].id) : null;
}

/** Marks entities used now (reference_tracking), as the store's trackReferences does. */
export async function touch(q: Queryable, workspaceId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await q.query(
    `INSERT INTO reference_tracking (entity_id, usage_count, last_accessed)
     SELECT e.id, 1, now() FROM entities e WHERE e.workspace_id = $2 AND e.id = ANY($1::bigint[])
     ON CONFLICT (entity_id) DO UPDATE SET usage_count = reference_tracking.usage_count + 1, last_accessed = now()`,
    [ids, workspaceId],
  );
}
