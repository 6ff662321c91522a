import type { AttributeValue, Entity, EntityState } from '@rustygpt/core';

/** An entity row with its aliases and attributes aggregated as JSON (see ENTITY_COLUMNS). */
export interface EntityRow {
  id: number;
  workspace_id: number;
  key: string;
  type: string;
  name: string;
  state: EntityState;
  version: number;
  created_at: Date;
  updated_at: Date;
  aliases: string[] | null;
  attrs: [string, string | number | boolean, boolean][] | null;
}

/**
 * Select list that loads an entity (alias `e`) whole in one round trip. Lookups go through
 * primary keys (lateral `OFFSET 0` fences), so plans stay good without fresh statistics.
 */
export const ENTITY_COLUMNS = `e.id, e.workspace_id, e.key, e.type, e.name, e.state, e.version, e.created_at, e.updated_at,
  (SELECT json_agg(a.alias ORDER BY a.position) FROM entity_aliases a WHERE a.entity_id = e.id AND NOT a.is_name) AS aliases,
  (SELECT json_agg(json_build_array(at.name, v.value, l.multi) ORDER BY at.name, l.position)
     FROM entity_attribute_link l
     CROSS JOIN LATERAL (SELECT name FROM attributes WHERE id = l.attribute_id OFFSET 0) at
     CROSS JOIN LATERAL (SELECT value FROM attribute_values WHERE id = l.value_id OFFSET 0) v
    WHERE l.entity_id = e.id) AS attrs`;

/**
 * FROM clause loading entities by id through their primary key, one lookup per id. The
 * `OFFSET 0` fence stops the planner from turning it into a workspace scan when statistics are
 * stale (PGlite runs no autovacuum). Parameters: $1 workspace id, $2 bigint[] of ids.
 */
export const ENTITIES_BY_ID = `unnest($2::bigint[]) AS ids(id)
  CROSS JOIN LATERAL (SELECT * FROM entities x WHERE x.id = ids.id AND x.workspace_id = $1 OFFSET 0) e`;

/** Turns an EntityRow into the domain Entity. */
export function toEntity(row: EntityRow): Entity {
  const attributes: Record<string, AttributeValue> = {};
  for (const [name, value, multi] of row.attrs ?? []) {
    const current = attributes[name];
    if (multi) {
      if (Array.isArray(current)) current.push(value);
      else attributes[name] = [value];
    } else {
      attributes[name] = value;
    }
  }
  return {
    id: Number(row.id),
    workspaceId: Number(row.workspace_id),
    key: row.key,
    type: row.type,
    name: row.name,
    state: row.state,
    version: Number(row.version),
    aliases: row.aliases ?? [],
    attributes,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
