import type { Direction, Neighbour, Relationship, TraversalHop, Vocabulary } from '@rustygpt/core';
import { assertLtreePath } from '@rustygpt/core';
import type { Queryable } from './database';
import { loadEntitiesById } from './entity-writes';
import { RELATIONSHIP_COLUMNS, toRelationship, type RelationshipRow } from './relationship-rows';

/** Options shared by neighbour and traversal queries. */
export interface EdgeFilter {
  direction?: Direction;
  types?: string[];
  minWeight?: number;
}

/**
 * Relationships touching any of `entityIds`, tagged with the side they were found from (one
 * statement), best weight first. `limit` caps the whole result (default 10,000). `perEntityLimit`
 * keeps at most that many rows per entity (best first), so that in a batch one hub cannot crowd
 * out the other entities' relationships (per-entity pages of a DataLoader batch).
 */
export async function relationshipsOf(
  q: Queryable,
  workspaceId: number,
  entityIds: number[],
  options: EdgeFilter & { limit?: number; perEntityLimit?: number } = {},
): Promise<{ relationship: Relationship; entityId: number; direction: 'out' | 'in' }[]> {
  if (entityIds.length === 0) return [];
  const direction = options.direction ?? 'both';
  const touching = `
       SELECT ${RELATIONSHIP_COLUMNS}, r.entity_id_1 AS anchor, 'out' AS dir
         FROM relationships r
        WHERE $2::text <> 'in' AND r.workspace_id = $1 AND r.entity_id_1 = ANY($3::bigint[])
       UNION ALL
       SELECT ${RELATIONSHIP_COLUMNS}, r.entity_id_2 AS anchor, 'in' AS dir
         FROM relationships r
        WHERE $2::text <> 'out' AND r.workspace_id = $1 AND r.entity_id_2 = ANY($3::bigint[])`;
  const filter = `($4::text[] IS NULL OR x.type = ANY($4::text[])) AND ($5::float8 IS NULL OR x.weight >= $5)`;
  const perEntity = options.perEntityLimit !== undefined;
  const sql = perEntity
    ? `SELECT * FROM (
         SELECT x.*, row_number() OVER (PARTITION BY x.anchor ORDER BY x.weight DESC, x.id) AS rn
           FROM (${touching}) x
          WHERE ${filter}
       ) x
       WHERE x.rn <= $7
       ORDER BY x.weight DESC, x.id
       LIMIT $6`
    : `SELECT * FROM (${touching}) x
       WHERE ${filter}
       ORDER BY x.weight DESC, x.id
       LIMIT $6`;
  const params: unknown[] = [
    workspaceId,
    direction,
    [...new Set(entityIds)],
    options.types ?? null,
    options.minWeight ?? null,
    options.limit ?? 10_000,
  ];
  if (perEntity) params.push(options.perEntityLimit);
  const rows = await q.query<RelationshipRow & { anchor: number; dir: 'out' | 'in' }>(sql, params);
  return rows.map((r) => ({ relationship: toRelationship(r), entityId: Number(r.anchor), direction: r.dir }));
}

/** Neighbours of one entity with the entity at the other end loaded. */
export async function neighbours(
  q: Queryable,
  workspaceId: number,
  entityId: number,
  options: EdgeFilter & { limit?: number } = {},
): Promise<Neighbour[]> {
  const rels = await relationshipsOf(q, workspaceId, [entityId], { ...options, limit: options.limit ?? 100 });
  const otherIds = rels.map((r) => (r.direction === 'out' ? r.relationship.toId : r.relationship.fromId));
  const entities = new Map((await loadEntitiesById(q, workspaceId, otherIds)).map((e) => [e.id, e]));
  return rels.flatMap((r) => {
    const entity = entities.get(r.direction === 'out' ? r.relationship.toId : r.relationship.fromId);
    return entity ? [{ relationship: r.relationship, entity, direction: r.direction }] : [];
  });
}

/**
 * k-hop traversal as one recursive CTE: follows relationships up to `depth` hops, never revisits an
 * entity on the same path (cycle guard), keeps the best path per reached entity (highest product
 * of weights, then fewest hops) and returns the best first.
 */
export async function traverse(
  q: Queryable,
  workspaceId: number,
  startIds: number[],
  options: EdgeFilter & { depth: number; limit?: number },
): Promise<TraversalHop[]> {
  if (startIds.length === 0 || options.depth < 1) return [];
  const depth = Math.min(Math.floor(options.depth), 6);
  const rows = await q.query<{ entity_id: number; depth: number; via: number[]; weight: number }>(
    `WITH RECURSIVE walk(entity_id, depth, via, visited, weight) AS (
       SELECT s, 0, ARRAY[]::bigint[], ARRAY[s], 1::float8 FROM unnest($2::bigint[]) AS s
       UNION ALL
       SELECT nxt.other, w.depth + 1, w.via || nxt.rid, w.visited || nxt.other, w.weight * nxt.weight
         FROM walk w
         CROSS JOIN LATERAL (
           SELECT r.id AS rid, r.entity_id_2 AS other, r.weight FROM relationships r
            WHERE $4::text <> 'in' AND r.entity_id_1 = w.entity_id AND r.workspace_id = $1
              AND ($5::text[] IS NULL OR r.type = ANY($5::text[])) AND ($6::float8 IS NULL OR r.weight >= $6)
           UNION ALL
           SELECT r.id, r.entity_id_1, r.weight FROM relationships r
            WHERE $4::text <> 'out' AND r.entity_id_2 = w.entity_id AND r.workspace_id = $1
              AND ($5::text[] IS NULL OR r.type = ANY($5::text[])) AND ($6::float8 IS NULL OR r.weight >= $6)
         ) nxt
        WHERE w.depth < $3 AND NOT nxt.other = ANY(w.visited)
     ),
     best AS (
       SELECT DISTINCT ON (entity_id) entity_id, depth, via, weight
         FROM walk WHERE depth > 0 AND NOT entity_id = ANY($2::bigint[])
        ORDER BY entity_id, weight DESC, depth, via
     )
     SELECT entity_id, depth, via, weight FROM best ORDER BY weight DESC, depth, entity_id LIMIT $7`,
    [
      workspaceId,
      [...new Set(startIds)],
      depth,
      options.direction ?? 'both',
      options.types ?? null,
      options.minWeight ?? null,
      options.limit ?? 1000,
    ],
  );
  return rows.map((r) => ({
    entityId: Number(r.entity_id),
    depth: Number(r.depth),
    viaRelationshipIds: r.via.map(Number),
    pathWeight: Number(r.weight),
  }));
}

/** Relationships whose ltree path lies under `prefix` (GIST index, `<@`). */
export async function relationshipsUnderPath(
  q: Queryable,
  workspaceId: number,
  prefix: string,
  options: { limit?: number } = {},
): Promise<Relationship[]> {
  assertLtreePath(prefix, 'prefix');
  const rows = await q.query<RelationshipRow>(
    `SELECT ${RELATIONSHIP_COLUMNS} FROM relationships r
      WHERE r.workspace_id = $1 AND r.path <@ $2::ltree ORDER BY r.path, r.id LIMIT $3`,
    [workspaceId, prefix, options.limit ?? 1000],
  );
  return rows.map(toRelationship);
}

/** Relationship types, attribute names and entity types present in a workspace, with counts. */
export async function vocabulary(q: Queryable, workspaceId: number): Promise<Vocabulary> {
  const rels = await q.query<{ type: string; path: string; count: number }>(
    `SELECT type, path::text AS path, count(*)::int AS count FROM relationships WHERE workspace_id = $1
      GROUP BY type, path ORDER BY count DESC, type`,
    [workspaceId],
  );
  const attrs = await q.query<{ name: string; count: number }>(
    `SELECT a.name, count(DISTINCT l.entity_id)::int AS count FROM attributes a
       JOIN entity_attribute_link l ON l.attribute_id = a.id
      WHERE a.workspace_id = $1 GROUP BY a.name ORDER BY count DESC, a.name`,
    [workspaceId],
  );
  const types = await q.query<{ type: string; count: number }>(
    `SELECT type, count(*)::int AS count FROM entities WHERE workspace_id = $1 GROUP BY type ORDER BY count DESC, type`,
    [workspaceId],
  );
  return {
    relationshipTypes: rels.map((r) => ({ type: r.type, path: r.path, count: Number(r.count) })),
    attributeNames: attrs.map((a) => ({ name: a.name, count: Number(a.count) })),
    entityTypes: types.map((t) => ({ type: t.type, count: Number(t.count) })),
  };
}
