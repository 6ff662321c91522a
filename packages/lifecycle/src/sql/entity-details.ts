/**
 * Writes of entity details in the store's own row format (entity_aliases with the normalised form,
 * attribute links by name and JSON value), for merges and their rollback, which must happen inside
 * the lifecycle's own transaction. Same encoding as @rustygpt/store's entity writes.
 */
import { normalizeText, type AttributeValue, type Entity, type EntityState } from '@rustygpt/core';
import { attributeLinkRows, insertAttributeLinks, type Queryable } from '@rustygpt/store';

/** The whole of an entity as the lifecycle snapshots it (dates as ISO strings). */
export interface EntityRecord {
  id: number;
  key: string;
  type: string;
  name: string;
  state: EntityState;
  version: number;
  aliases: string[];
  attributes: Record<string, AttributeValue>;
  createdAt: string;
}

/** Snapshot form of a domain entity. */
export function toRecord(e: Entity): EntityRecord {
  return {
    id: e.id,
    key: e.key,
    type: e.type,
    name: e.name,
    state: e.state,
    version: e.version,
    aliases: e.aliases,
    attributes: e.attributes,
    createdAt: e.createdAt.toISOString(),
  };
}

/** Replaces the alias rows of an entity (name first, then aliases in order). */
export async function replaceAliases(
  q: Queryable,
  entityId: number,
  name: string,
  aliases: string[],
): Promise<void> {
  await q.query('DELETE FROM entity_aliases WHERE entity_id = $1', [entityId]);
  const rows = [
    { alias: name, n: normalizeText(name), name: true, p: 0 },
    ...aliases.map((alias, i) => ({ alias, n: normalizeText(alias), name: false, p: i + 1 })),
  ].filter((r) => r.n !== '' || r.name);
  await q.query(
    `INSERT INTO entity_aliases (entity_id, alias, normalized, is_name, position)
     SELECT $1, x.alias, x.n, x.name, x.p FROM jsonb_to_recordset($2::jsonb) AS x(alias text, n text, name boolean, p integer)
     ON CONFLICT (entity_id, normalized) DO NOTHING`,
    [entityId, JSON.stringify(rows)],
  );
}

/** Replaces the attribute links of an entity (a list value = multi-valued attribute). */
export async function replaceAttributes(
  q: Queryable,
  workspaceId: number,
  entityId: number,
  attributes: Record<string, AttributeValue>,
): Promise<void> {
  await q.query('DELETE FROM entity_attribute_link WHERE entity_id = $1', [entityId]);
  await insertAttributeLinks(q, workspaceId, attributeLinkRows(entityId, attributes));
}

/** Bumps an entity's version and change counter and records why (one entity_versions row). */
export async function recordChange(
  q: Queryable,
  entityId: number,
  change: string,
  before: unknown,
  after: unknown,
): Promise<number> {
  const rows = await q.query<{ version: number }>(
    `UPDATE entities SET version = version + 1, change_seq = nextval('knowledge_change_seq'), updated_at = now()
      WHERE id = $1 RETURNING version`,
    [entityId],
  );
  const version = Number(rows[0]?.version ?? 0);
  await q.query(
    'INSERT INTO entity_versions (entity_id, version, change, before, after) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)',
    [entityId, version, change, JSON.stringify(before ?? null), JSON.stringify(after ?? null)],
  );
  return version;
}

/**
 * Moves entities to a lifecycle state in one statement: version + 1, change counter bumped (alias
 * caches refresh), one entity_versions row each. Returns the ids whose state changed.
 */
export async function setStates(
  q: Queryable,
  workspaceId: number,
  ids: number[],
  state: EntityState,
  change: string,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await q.query<{ id: number; before: EntityState; version: number }>(
    `WITH old AS (
       SELECT id, state FROM entities WHERE workspace_id = $1 AND id = ANY($2::bigint[]) AND state <> $3 FOR UPDATE
     )
     UPDATE entities e SET state = $3, version = e.version + 1, change_seq = nextval('knowledge_change_seq'), updated_at = now()
       FROM old WHERE e.id = old.id
     RETURNING e.id, old.state AS before, e.version`,
    [workspaceId, ids, state],
  );
  if (rows.length > 0) {
    await q.query(
      `INSERT INTO entity_versions (entity_id, version, change, before, after)
       SELECT x.id, x.v, $2, jsonb_build_object('state', x.b), jsonb_build_object('state', $3::text)
         FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, v integer, b text)`,
      [
        JSON.stringify(rows.map((r) => ({ id: Number(r.id), v: Number(r.version), b: r.before }))),
        change,
        state,
      ],
    );
  }
  return rows.map((r) => Number(r.id));
}
