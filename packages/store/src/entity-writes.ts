import {
  ConflictError,
  normalizeText,
  type AttributeValue,
  type Entity,
  type EntityInput,
} from '@rustygpt/core';
import type { Queryable } from './database';
import { changedParts, desiredSnapshot, snapshotOf, type EntitySnapshot } from './entity-input';
import { ENTITIES_BY_ID, ENTITY_COLUMNS, toEntity, type EntityRow } from './entity-rows';

/** What an upsert did to one entity. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface EntityWriteResult {
  id: number;
  key: string;
  outcome: UpsertOutcome;
  version: number;
}

/** Loads whole entities of a workspace by key (one round trip). */
export async function loadEntitiesByKey(
  q: Queryable,
  workspaceId: number,
  keys: string[],
): Promise<Entity[]> {
  if (keys.length === 0) return [];
  const rows = await q.query<EntityRow>(
    `SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.workspace_id = $1 AND e.key = ANY($2::text[])`,
    [workspaceId, keys],
  );
  return rows.map(toEntity);
}

/** Loads whole entities of a workspace by id, in the order asked. */
export async function loadEntitiesById(q: Queryable, workspaceId: number, ids: number[]): Promise<Entity[]> {
  if (ids.length === 0) return [];
  const rows = await q.query<EntityRow>(`SELECT ${ENTITY_COLUMNS} FROM ${ENTITIES_BY_ID}`, [
    workspaceId,
    [...new Set(ids)],
  ]);
  const byId = new Map(rows.map((r) => [Number(r.id), toEntity(r)]));
  return ids.map((id) => byId.get(id)).filter((e): e is Entity => e !== undefined);
}

/**
 * Upserts many entities by key in bulk statements (call inside a transaction): new keys are
 * inserted, changed ones get version + 1 and one entity_versions row, unchanged ones are not
 * touched. Aliases and attributes of each written entity are rewritten in the same transaction.
 */
export async function writeEntities(
  q: Queryable,
  workspaceId: number,
  inputs: { input: EntityInput; where: string }[],
  options: { expectedVersions?: Map<string, number>; change?: string } = {},
): Promise<EntityWriteResult[]> {
  // Last input for a key wins.
  const byKey = new Map<string, { input: EntityInput; where: string }>();
  for (const item of inputs) byKey.set(item.input.key, item);
  const existing = new Map(
    (await loadEntitiesByKey(q, workspaceId, [...byKey.keys()])).map((e) => [e.key, e] as const),
  );
  const creates: EntitySnapshot[] = [];
  const updates: { id: number; before: EntitySnapshot; after: EntitySnapshot; parts: string[] }[] = [];
  const results = new Map<string, EntityWriteResult>();
  for (const [key, { input, where }] of byKey) {
    const current = existing.get(key);
    const expected = options.expectedVersions?.get(key);
    if (expected !== undefined && current && current.version !== expected) {
      throw new ConflictError(`entity ${key} is at version ${current.version}, not ${expected}`, {
        key,
        version: current.version,
      });
    }
    const before = current ? snapshotOf(current) : null;
    const after = desiredSnapshot(input, before, where);
    if (!current || !before) {
      creates.push(after);
      continue;
    }
    const parts = changedParts(before, after);
    if (parts.length === 0) {
      results.set(key, { id: current.id, key, outcome: 'unchanged', version: current.version });
    } else {
      updates.push({ id: current.id, before, after, parts });
    }
  }

  const written: {
    id: number;
    snapshot: EntitySnapshot;
    version: number;
    change: string;
    before: EntitySnapshot | null;
  }[] = [];
  if (creates.length > 0) {
    const rows = await q.query<{ id: number; key: string }>(
      `INSERT INTO entities (workspace_id, key, type, name, state)
       SELECT $1, x.key, x.type, x.name, x.state
         FROM jsonb_to_recordset($2::jsonb) AS x(key text, type text, name text, state text)
       RETURNING id, key`,
      [
        workspaceId,
        JSON.stringify(creates.map(({ key, type, name, state }) => ({ key, type, name, state }))),
      ],
    );
    const ids = new Map(rows.map((r) => [r.key, Number(r.id)]));
    for (const s of creates) {
      const id = ids.get(s.key) as number;
      results.set(s.key, { id, key: s.key, outcome: 'created', version: 1 });
      written.push({ id, snapshot: s, version: 1, change: options.change ?? 'create', before: null });
    }
  }
  if (updates.length > 0) {
    const rows = await q.query<{ id: number; version: number }>(
      `UPDATE entities e
          SET type = x.type, name = x.name, state = x.state, version = e.version + 1,
              change_seq = nextval('knowledge_change_seq'), updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, type text, name text, state text)
        WHERE e.id = x.id
       RETURNING e.id, e.version`,
      [
        JSON.stringify(
          updates.map((u) => ({ id: u.id, type: u.after.type, name: u.after.name, state: u.after.state })),
        ),
      ],
    );
    const versions = new Map(rows.map((r) => [Number(r.id), Number(r.version)]));
    for (const u of updates) {
      const version = versions.get(u.id) as number;
      results.set(u.after.key, { id: u.id, key: u.after.key, outcome: 'updated', version });
      written.push({
        id: u.id,
        snapshot: u.after,
        version,
        change: options.change ?? `update:${u.parts.join(',')}`,
        before: u.before,
      });
    }
  }
  if (written.length > 0) await rewriteDetails(q, workspaceId, written);
  return [...byKey.keys()].map((k) => results.get(k) as EntityWriteResult);
}

async function rewriteDetails(
  q: Queryable,
  workspaceId: number,
  written: {
    id: number;
    snapshot: EntitySnapshot;
    version: number;
    change: string;
    before: EntitySnapshot | null;
  }[],
): Promise<void> {
  const updatedIds = written.filter((w) => w.before !== null).map((w) => w.id);
  if (updatedIds.length > 0) {
    await q.query('DELETE FROM entity_aliases WHERE entity_id = ANY($1::bigint[])', [updatedIds]);
    await q.query('DELETE FROM entity_attribute_link WHERE entity_id = ANY($1::bigint[])', [updatedIds]);
  }
  const aliasRows: { e: number; alias: string; n: string; name: boolean; p: number }[] = [];
  const attrRows: AttributeLinkRow[] = [];
  for (const { id, snapshot } of written) {
    aliasRows.push({ e: id, alias: snapshot.name, n: normalizeText(snapshot.name), name: true, p: 0 });
    snapshot.aliases.forEach((alias, i) =>
      aliasRows.push({ e: id, alias, n: normalizeText(alias), name: false, p: i + 1 }),
    );
    attrRows.push(...attributeLinkRows(id, snapshot.attributes));
  }
  await q.query(
    `INSERT INTO entity_aliases (entity_id, alias, normalized, is_name, position)
     SELECT x.e, x.alias, x.n, x.name, x.p FROM jsonb_to_recordset($1::jsonb) AS x(e bigint, alias text, n text, name boolean, p integer)
     ON CONFLICT (entity_id, normalized) DO NOTHING`,
    [JSON.stringify(aliasRows)],
  );
  await insertAttributeLinks(q, workspaceId, attrRows);
  await q.query(
    `INSERT INTO entity_versions (entity_id, version, change, before, after)
     SELECT x.e, x.v, x.c, x.b, x.a FROM jsonb_to_recordset($1::jsonb) AS x(e bigint, v integer, c text, b jsonb, a jsonb)`,
    [
      JSON.stringify(
        written.map((w) => ({ e: w.id, v: w.version, c: w.change, b: w.before, a: w.snapshot })),
      ),
    ],
  );
}

/** One attribute value of one entity, in the row shape `insertAttributeLinks` writes. */
export interface AttributeLinkRow {
  e: number;
  name: string;
  value: unknown;
  p: number;
  multi: boolean;
}

/** Flattens an entity's attributes into link rows (arrays become positioned multi-valued rows). */
export function attributeLinkRows(
  entityId: number,
  attributes: Record<string, AttributeValue>,
): AttributeLinkRow[] {
  const rows: AttributeLinkRow[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    if (Array.isArray(value))
      value.forEach((v, i) => rows.push({ e: entityId, name, value: v, p: i, multi: true }));
    else rows.push({ e: entityId, name, value, p: 0, multi: false });
  }
  return rows;
}

/**
 * Links attribute values to entities, creating the attribute names and values a workspace lacks,
 * so every writer of entity details shares one encoding (three round trips whatever the count).
 */
export async function insertAttributeLinks(
  q: Queryable,
  workspaceId: number,
  rows: AttributeLinkRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const payload = JSON.stringify(rows);
  await q.query(
    `INSERT INTO attributes (workspace_id, name)
     SELECT DISTINCT $1::bigint, x.name FROM jsonb_to_recordset($2::jsonb) AS x(name text)
     ON CONFLICT (workspace_id, name) DO NOTHING`,
    [workspaceId, payload],
  );
  await q.query(
    `INSERT INTO attribute_values (attribute_id, value)
     SELECT DISTINCT a.id, x.value FROM jsonb_to_recordset($2::jsonb) AS x(name text, value jsonb)
       JOIN attributes a ON a.workspace_id = $1 AND a.name = x.name
     ON CONFLICT (attribute_id, value) DO NOTHING`,
    [workspaceId, payload],
  );
  await q.query(
    `INSERT INTO entity_attribute_link (entity_id, attribute_id, value_id, position, multi)
     SELECT x.e, a.id, v.id, x.p, x.multi FROM jsonb_to_recordset($2::jsonb) AS x(e bigint, name text, value jsonb, p integer, multi boolean)
       JOIN attributes a ON a.workspace_id = $1 AND a.name = x.name
       JOIN attribute_values v ON v.attribute_id = a.id AND v.value = x.value
     ON CONFLICT DO NOTHING`,
    [workspaceId, payload],
  );
}
