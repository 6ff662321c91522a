/** SQL of the consistency check: each check counts violations and can repair them. */
import { normalizeText } from '@rustygpt/core';
import type { Queryable } from '@rustygpt/store';
import { activeModelId, archiveVectors, queueEmbedding, restoreVectors } from './pruning';

/** One invariant: `find` returns offending ids (at most `limit`), `fix` repairs them. */
export interface ConsistencyCheck {
  name: string;
  description: string;
  find(q: Queryable, workspaceId: number, limit: number): Promise<number[]>;
  fix(q: Queryable, workspaceId: number, ids: number[]): Promise<void>;
}

const ids = (rows: { id: number }[]) => rows.map((r) => Number(r.id));

/** The invariants the lifecycle maintains. */
export const CHECKS: ConsistencyCheck[] = [
  {
    name: 'archived_with_vectors',
    description: 'archived entities must have left the vector index',
    find: async (q, ws, limit) =>
      ids(
        await q.query<{ id: number }>(
          `SELECT DISTINCT e.id FROM entities e JOIN entity_embeddings ee ON ee.entity_id = e.id
            WHERE e.workspace_id = $1 AND e.state = 'archived' ORDER BY e.id LIMIT $2`,
          [ws, limit],
        ),
      ),
    fix: async (q, _ws, found) => {
      await archiveVectors(q, found);
    },
  },
  {
    name: 'live_with_archived_vectors',
    description: 'active and inactive entities must have their vectors in the index, not in the archive',
    find: async (q, ws, limit) =>
      ids(
        await q.query<{ id: number }>(
          `SELECT DISTINCT e.id FROM entities e JOIN archived_embeddings a ON a.entity_id = e.id
            WHERE e.workspace_id = $1 AND e.state <> 'archived' ORDER BY e.id LIMIT $2`,
          [ws, limit],
        ),
      ),
    fix: async (q, _ws, found) => {
      const model = await activeModelId(q);
      await restoreVectors(q, found, model);
    },
  },
  {
    name: 'missing_name_alias',
    description: 'every entity has its name in entity_aliases (alias matching finds it)',
    find: async (q, ws, limit) =>
      ids(
        await q.query<{ id: number }>(
          `SELECT e.id FROM entities e WHERE e.workspace_id = $1
              AND NOT EXISTS (SELECT 1 FROM entity_aliases a WHERE a.entity_id = e.id AND a.is_name) ORDER BY e.id LIMIT $2`,
          [ws, limit],
        ),
      ),
    fix: async (q, _ws, found) => {
      const rows = await q.query<{ id: number; name: string }>(
        'SELECT id, name FROM entities WHERE id = ANY($1::bigint[])',
        [found],
      );
      await q.query(
        `INSERT INTO entity_aliases (entity_id, alias, normalized, is_name, position)
         SELECT x.id, x.name, x.n, true, 0 FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, name text, n text)
         ON CONFLICT (entity_id, normalized) DO UPDATE SET is_name = true, position = 0`,
        [JSON.stringify(rows.map((r) => ({ id: Number(r.id), name: r.name, n: normalizeText(r.name) })))],
      );
    },
  },
  {
    name: 'vector_dims_mismatch',
    description: "stored vectors have their model's dimension (others are dropped and re-embedded)",
    find: async (q, ws, limit) =>
      ids(
        await q.query<{ id: number }>(
          `SELECT DISTINCT ee.entity_id AS id FROM entity_embeddings ee JOIN embedding_models m ON m.id = ee.model_id
             JOIN entities e ON e.id = ee.entity_id
            WHERE e.workspace_id = $1 AND vector_dims(ee.embedding) <> m.dims ORDER BY 1 LIMIT $2`,
          [ws, limit],
        ),
      ),
    fix: async (q, _ws, found) => {
      await q.query(
        `DELETE FROM entity_embeddings ee USING embedding_models m
          WHERE m.id = ee.model_id AND ee.entity_id = ANY($1::bigint[]) AND vector_dims(ee.embedding) <> m.dims`,
        [found],
      );
      const model = await activeModelId(q);
      if (model !== null) await queueEmbedding(q, model, found);
    },
  },
  {
    name: 'negative_weights',
    description: 'relationship weights are confidences >= 0',
    find: async (q, ws, limit) =>
      ids(
        await q.query<{ id: number }>(
          'SELECT id FROM relationships WHERE workspace_id = $1 AND weight < 0 ORDER BY id LIMIT $2',
          [ws, limit],
        ),
      ),
    fix: async (q, _ws, found) => {
      await q.query('UPDATE relationships SET weight = 0, updated_at = now() WHERE id = ANY($1::bigint[])', [
        found,
      ]);
    },
  },
  {
    name: 'self_loops',
    description: 'no relationship links an entity to itself',
    find: async (q, ws, limit) =>
      ids(
        await q.query<{ id: number }>(
          'SELECT id FROM relationships WHERE workspace_id = $1 AND entity_id_1 = entity_id_2 ORDER BY id LIMIT $2',
          [ws, limit],
        ),
      ),
    fix: async (q, _ws, found) => {
      await q.query('DELETE FROM relationships WHERE id = ANY($1::bigint[])', [found]);
    },
  },
  {
    name: 'orphan_staged',
    description: 'resolved staged mentions point at an entity that exists',
    find: async (q, ws, limit) =>
      ids(
        await q.query<{ id: number }>(
          `SELECT id FROM staged_entities WHERE workspace_id = $1 AND state IN ('created', 'merged', 'review')
              AND entity_id IS NULL ORDER BY id LIMIT $2`,
          [ws, limit],
        ),
      ),
    fix: async (q, _ws, found) => {
      await q.query(
        "UPDATE staged_entities SET state = 'pending', reason = 'entity vanished', updated_at = now() WHERE id = ANY($1::bigint[])",
        [found],
      );
    },
  },
  {
    name: 'missing_vectors',
    description:
      'active and inactive entities have a vector under the active model (fix queues embedding jobs)',
    find: async (q, ws, limit) => {
      const model = await activeModelId(q);
      if (model === null) return [];
      return ids(
        await q.query<{ id: number }>(
          `SELECT e.id FROM entities e WHERE e.workspace_id = $1 AND e.state <> 'archived'
              AND NOT EXISTS (SELECT 1 FROM entity_embeddings ee WHERE ee.entity_id = e.id AND ee.model_id = $2)
              AND NOT EXISTS (SELECT 1 FROM embedding_jobs j WHERE j.model_id = $2 AND j.target_kind = 'entity'
                                AND j.target_id = e.id AND j.state IN ('queued', 'running'))
            ORDER BY e.id LIMIT $3`,
          [ws, model, limit],
        ),
      );
    },
    fix: async (q, _ws, found) => {
      const model = await activeModelId(q);
      if (model !== null) await queueEmbedding(q, model, found);
    },
  },
];
