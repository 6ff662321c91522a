/** SQL of dynamic relationship weights (reinforcement, decay) and relationship inference. */
import type { Queryable } from '@rustygpt/store';

/**
 * Raises the weight of relationships that contributed to an answer, saturating towards 1
 * (`w + rate * (1 - w)`; weights above 1 are left as they are), and records the use.
 */
export async function reinforce(
  q: Queryable,
  workspaceId: number,
  ids: number[],
  rate: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await q.query<{ id: number }>(
    `WITH used AS (SELECT id, count(*) AS n FROM unnest($2::bigint[]) AS id GROUP BY id)
     UPDATE relationships r SET weight = CASE WHEN r.weight >= 1 THEN r.weight ELSE r.weight + $3 * (1 - r.weight) END,
            updated_at = now()
       FROM used WHERE r.id = used.id AND r.workspace_id = $1
     RETURNING r.id`,
    [workspaceId, ids, rate],
  );
  const touched = rows.map((r) => Number(r.id));
  if (touched.length > 0) {
    await q.query(
      `INSERT INTO relationship_usage (relationship_id, use_count, last_used)
       SELECT id, count(*), now() FROM unnest($1::bigint[]) AS id WHERE id = ANY($2::bigint[]) GROUP BY id
       ON CONFLICT (relationship_id) DO UPDATE SET use_count = relationship_usage.use_count + EXCLUDED.use_count, last_used = now()`,
      [ids, touched],
    );
  }
  return touched.length;
}

/** The id range of a workspace's relationships (for batching). */
export async function relationshipIdRange(
  q: Queryable,
  workspaceId: number,
): Promise<{ min: number; max: number } | null> {
  const rows = await q.query<{ min: number | null; max: number | null }>(
    'SELECT min(id) AS min, max(id) AS max FROM relationships WHERE workspace_id = $1',
    [workspaceId],
  );
  const r = rows[0];
  return r && r.min !== null && r.max !== null ? { min: Number(r.min), max: Number(r.max) } : null;
}

/**
 * Multiplies by `factor` the weights of relationships in [fromId, toId] not used since `olderThan`
 * (never-used ones count from their last update), never below `floor` nor twice for one period.
 */
export async function decayRange(
  q: Queryable,
  workspaceId: number,
  fromId: number,
  toId: number,
  factor: number,
  olderThan: Date,
  floor: number,
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `UPDATE relationships r SET weight = greatest($6, r.weight * $4), updated_at = r.updated_at
       FROM relationships x LEFT JOIN relationship_usage u ON u.relationship_id = x.id
      WHERE r.id = x.id AND x.workspace_id = $1 AND x.id BETWEEN $2 AND $3 AND x.weight > $6
        AND coalesce(u.last_used, x.updated_at) < $5
        AND (u.last_decayed IS NULL OR u.last_decayed < $5)
     RETURNING r.id`,
    [workspaceId, fromId, toId, factor, olderThan, floor],
  );
  const ids = rows.map((r) => Number(r.id));
  if (ids.length > 0) {
    await q.query(
      `INSERT INTO relationship_usage (relationship_id, use_count, last_used, last_decayed)
       SELECT r.id, 0, r.updated_at, now() FROM relationships r WHERE r.id = ANY($1::bigint[])
       ON CONFLICT (relationship_id) DO UPDATE SET last_decayed = now()`,
      [ids],
    );
  }
  return ids.length;
}

/** A proposed relationship with its confidence. */
export interface Proposal {
  fromId: number;
  toId: number;
  type: string;
  path: string;
  weight: number;
  evidence: string;
}

/**
 * Pairs of entities sharing selective attribute values (held by at most `maxGroupSize` entities)
 * and not yet related in either direction; confidence grows with the share of their attributes
 * that agree.
 */
export async function sharedAttributePairs(
  q: Queryable,
  workspaceId: number,
  options: { maxGroupSize: number; minShared: number; limit: number },
): Promise<{ a: number; b: number; shared: number; attrsA: number; attrsB: number; names: string[] }[]> {
  const rows = await q.query<{
    a: number;
    b: number;
    shared: number;
    attrs_a: number;
    attrs_b: number;
    names: string[];
  }>(
    `WITH groups AS (
       SELECT l.attribute_id, l.value_id FROM entity_attribute_link l JOIN entities e ON e.id = l.entity_id
        WHERE e.workspace_id = $1 AND e.state <> 'archived'
        GROUP BY l.attribute_id, l.value_id HAVING count(*) BETWEEN 2 AND $2),
     pairs AS (
       SELECT l1.entity_id AS a, l2.entity_id AS b, count(*)::int AS shared, array_agg(DISTINCT at.name) AS names
         FROM groups g
         JOIN entity_attribute_link l1 ON l1.attribute_id = g.attribute_id AND l1.value_id = g.value_id
         JOIN entity_attribute_link l2 ON l2.attribute_id = g.attribute_id AND l2.value_id = g.value_id AND l2.entity_id > l1.entity_id
         JOIN attributes at ON at.id = g.attribute_id
        GROUP BY l1.entity_id, l2.entity_id HAVING count(*) >= $3)
     SELECT p.a, p.b, p.shared, p.names,
            (SELECT count(DISTINCT attribute_id) FROM entity_attribute_link WHERE entity_id = p.a)::int AS attrs_a,
            (SELECT count(DISTINCT attribute_id) FROM entity_attribute_link WHERE entity_id = p.b)::int AS attrs_b
       FROM pairs p
      WHERE NOT EXISTS (SELECT 1 FROM relationships r WHERE (r.entity_id_1 = p.a AND r.entity_id_2 = p.b) OR (r.entity_id_1 = p.b AND r.entity_id_2 = p.a))
      ORDER BY p.shared DESC, p.a, p.b LIMIT $4`,
    [workspaceId, options.maxGroupSize, options.minShared, options.limit],
  );
  return rows.map((r) => ({
    a: Number(r.a),
    b: Number(r.b),
    shared: Number(r.shared),
    attrsA: Number(r.attrs_a),
    attrsB: Number(r.attrs_b),
    names: r.names,
  }));
}

/** Entities with a vector under the model, by id after `afterId` (for batched proximity inference). */
export async function embeddedEntities(
  q: Queryable,
  workspaceId: number,
  modelId: number,
  afterId: number,
  limit: number,
): Promise<{ id: number; vector: string }[]> {
  const rows = await q.query<{ id: number; v: string }>(
    `SELECT ee.entity_id AS id, ee.embedding::text AS v FROM entity_embeddings ee JOIN entities e ON e.id = ee.entity_id
      WHERE ee.model_id = $1 AND e.workspace_id = $2 AND ee.entity_id > $3 AND e.state <> 'archived'
      ORDER BY ee.entity_id LIMIT $4`,
    [modelId, workspaceId, afterId, limit],
  );
  return rows.map((r) => ({ id: Number(r.id), vector: r.v }));
}

/** Which of the pairs are already related (either direction), as `a:b` with a < b. */
export async function relatedPairs(q: Queryable, pairs: { a: number; b: number }[]): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const rows = await q.query<{ a: number; b: number }>(
    `SELECT least(r.entity_id_1, r.entity_id_2) AS a, greatest(r.entity_id_1, r.entity_id_2) AS b
       FROM jsonb_to_recordset($1::jsonb) AS x(a bigint, b bigint)
       JOIN relationships r ON (r.entity_id_1 = x.a AND r.entity_id_2 = x.b) OR (r.entity_id_1 = x.b AND r.entity_id_2 = x.a)`,
    [JSON.stringify(pairs)],
  );
  return new Set(rows.map((r) => `${Number(r.a)}:${Number(r.b)}`));
}

/** Writes proposals as relationships (existing triples keep the higher weight); returns ids. */
export async function insertProposals(
  q: Queryable,
  workspaceId: number,
  proposals: Proposal[],
): Promise<number[]> {
  if (proposals.length === 0) return [];
  const rows = await q.query<{ id: number }>(
    `INSERT INTO relationships (workspace_id, entity_id_1, entity_id_2, type, weight, path)
     SELECT $1, x."fromId", x."toId", x.type, x.weight, x.path::ltree
       FROM jsonb_to_recordset($2::jsonb) AS x("fromId" bigint, "toId" bigint, type text, weight float8, path text)
       JOIN entities a ON a.id = x."fromId" AND a.workspace_id = $1
       JOIN entities b ON b.id = x."toId" AND b.workspace_id = $1
     ON CONFLICT (entity_id_1, entity_id_2, type) DO UPDATE SET weight = greatest(relationships.weight, EXCLUDED.weight)
     RETURNING id`,
    [workspaceId, JSON.stringify(proposals)],
  );
  return rows.map((r) => Number(r.id));
}
