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

/** Select list that loads an entity (alias `e`) whole in one round trip. */
export const ENTITY_COLUMNS = `e.id, e.workspace_id, e.key, e.type, e.name, e.state, e.version, e.created_at, e.updated_at,
  (SELECT json_agg(a.alias ORDER BY a.position) FROM entity_aliases a WHERE a.entity_id = e.id AND NOT a.is_name) AS aliases,
  (SELECT json_agg(json_build_array(at.name, v.value, l.multi) ORDER BY at.name, l.position)
     FROM entity_attribute_link l
     JOIN attributes at ON at.id = l.attribute_id
     JOIN attribute_values v ON v.id = l.value_id
    WHERE l.entity_id = e.id) AS attrs`;

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
