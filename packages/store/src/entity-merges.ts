import type { Queryable } from './database';

/** Rows a merge created while rewiring references (what a rollback must delete again). */
export interface RewiredReferences {
  createdRelationshipIds: number[];
  createdLinkResourceIds: number[];
}

/**
 * Moves the relationships, resource links and usage of `mergeIds` onto `keepId`, so the store's
 * merge and the lifecycle's reversible merge rewire references the same way: duplicate triples
 * collapse to the higher weight/confidence, self-loops are dropped, usage adds up.
 */
export async function rewireEntityReferences(
  q: Queryable,
  keepId: number,
  mergeIds: number[],
): Promise<RewiredReferences> {
  const rels = await q.query<{ id: number; inserted: boolean }>(
    `INSERT INTO relationships (workspace_id, entity_id_1, entity_id_2, type, weight, path)
     SELECT DISTINCT ON (a, b, type) workspace_id, a, b, type, weight, path FROM (
       SELECT workspace_id,
              CASE WHEN entity_id_1 = ANY($2::bigint[]) THEN $1 ELSE entity_id_1 END AS a,
              CASE WHEN entity_id_2 = ANY($2::bigint[]) THEN $1 ELSE entity_id_2 END AS b, type, weight, path
         FROM relationships WHERE entity_id_1 = ANY($2::bigint[]) OR entity_id_2 = ANY($2::bigint[])
     ) moved WHERE a <> b ORDER BY a, b, type, weight DESC
     ON CONFLICT (entity_id_1, entity_id_2, type) DO UPDATE SET weight = greatest(relationships.weight, EXCLUDED.weight)
     RETURNING id, (xmax = 0) AS inserted`,
    [keepId, mergeIds],
  );
  const links = await q.query<{ resource_id: number; inserted: boolean }>(
    `INSERT INTO entity_resource_link (entity_id, resource_id, confidence_score)
     SELECT $1, resource_id, max(confidence_score) FROM entity_resource_link WHERE entity_id = ANY($2::bigint[]) GROUP BY resource_id
     ON CONFLICT (entity_id, resource_id) DO UPDATE SET confidence_score = greatest(entity_resource_link.confidence_score, EXCLUDED.confidence_score)
     RETURNING resource_id, (xmax = 0) AS inserted`,
    [keepId, mergeIds],
  );
  await q.query(
    `INSERT INTO reference_tracking (entity_id, usage_count, last_accessed)
     SELECT $1, sum(usage_count), max(last_accessed) FROM reference_tracking WHERE entity_id = ANY($2::bigint[]) HAVING count(*) > 0
     ON CONFLICT (entity_id) DO UPDATE SET usage_count = reference_tracking.usage_count + EXCLUDED.usage_count,
       last_accessed = greatest(reference_tracking.last_accessed, EXCLUDED.last_accessed)`,
    [keepId, mergeIds],
  );
  return {
    createdRelationshipIds: rels.filter((r) => r.inserted).map((r) => Number(r.id)),
    createdLinkResourceIds: links.filter((r) => r.inserted).map((r) => Number(r.resource_id)),
  };
}
