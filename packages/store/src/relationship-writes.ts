import {
  ValidationError,
  assertLtreePath,
  toLtreeLabel,
  type Relationship,
  type RelationshipInput,
} from '@rustygpt/core';
import type { Queryable } from './database';
import { RELATIONSHIP_COLUMNS, toRelationship, type RelationshipRow } from './relationship-rows';
import type { UpsertOutcome } from './entity-writes';

/** Default ltree path of a relationship type: the type as one label (`part of` -> `part_of`). */
export function defaultRelationshipPath(type: string): string {
  return toLtreeLabel(type);
}

/** Resolves entity keys of a workspace to ids (one round trip). */
export async function resolveKeys(
  q: Queryable,
  workspaceId: number,
  keys: string[],
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await q.query<{ id: number; key: string }>(
    'SELECT id, key FROM entities WHERE workspace_id = $1 AND key = ANY($2::text[])',
    [workspaceId, [...new Set(keys)]],
  );
  return new Map(rows.map((r) => [r.key, Number(r.id)]));
}

/** A relationship with both ends resolved, validated and ready to write. */
export interface ResolvedRelationship {
  fromId: number;
  toId: number;
  type: string;
  weight: number;
  path: string;
}

/** Validates one relationship input (weight finite, ltree path) and resolves its ends. */
export function resolveRelationship(
  input: RelationshipInput,
  ids: ReadonlyMap<string, number>,
  where: string,
): ResolvedRelationship {
  if (typeof input.type !== 'string' || input.type.trim() === '')
    throw new ValidationError('type must be a non-empty string', `${where}.type`);
  const weight = input.weight ?? 1;
  if (typeof weight !== 'number' || !Number.isFinite(weight))
    throw new ValidationError('weight must be a finite number', `${where}.weight`);
  const path = input.path ?? defaultRelationshipPath(input.type);
  assertLtreePath(path, `${where}.path`);
  const fromId = ids.get(input.from);
  if (fromId === undefined)
    throw new ValidationError(`unknown entity key ${JSON.stringify(input.from)}`, `${where}.from`);
  const toId = ids.get(input.to);
  if (toId === undefined)
    throw new ValidationError(`unknown entity key ${JSON.stringify(input.to)}`, `${where}.to`);
  return { fromId, toId, type: input.type.trim(), weight, path };
}

/**
 * Upserts relationships by (from, to, type) in one statement; a row whose weight and path are
 * unchanged is not touched. Returns each row with what happened to it.
 */
export async function writeRelationships(
  q: Queryable,
  workspaceId: number,
  rels: ResolvedRelationship[],
): Promise<{ relationship: Relationship; outcome: UpsertOutcome }[]> {
  if (rels.length === 0) return [];
  return (await upsertRelationshipRows(q, workspaceId, rels, true)).rows;
}

/** Like writeRelationships, but only counts outcomes (bulk imports: no rows travel back). */
export async function countRelationshipWrites(
  q: Queryable,
  workspaceId: number,
  rels: ResolvedRelationship[],
): Promise<UpsertOutcome[]> {
  if (rels.length === 0) return [];
  return (await upsertRelationshipRows(q, workspaceId, rels, false)).outcomes;
}

async function upsertRelationshipRows(
  q: Queryable,
  workspaceId: number,
  rels: ResolvedRelationship[],
  withRows: boolean,
): Promise<{ rows: { relationship: Relationship; outcome: UpsertOutcome }[]; outcomes: UpsertOutcome[] }> {
  const unique = new Map<string, ResolvedRelationship>();
  for (const r of rels) unique.set(`${r.fromId}\u0000${r.toId}\u0000${r.type}`, r);
  const payload = JSON.stringify(
    [...unique.values()].map((r) => ({ f: r.fromId, t: r.toId, type: r.type, w: r.weight, p: r.path })),
  );
  const written = await q.query<RelationshipRow & { inserted: boolean }>(
    `INSERT INTO relationships AS r (workspace_id, entity_id_1, entity_id_2, type, weight, path)
     SELECT $1, x.f, x.t, x.type, x.w, x.p::ltree FROM jsonb_to_recordset($2::jsonb) AS x(f bigint, t bigint, type text, w float8, p text)
     ON CONFLICT (entity_id_1, entity_id_2, type) DO UPDATE
       SET weight = EXCLUDED.weight, path = EXCLUDED.path, updated_at = now()
       WHERE r.weight IS DISTINCT FROM EXCLUDED.weight OR r.path IS DISTINCT FROM EXCLUDED.path
     RETURNING ${withRows ? `${RELATIONSHIP_COLUMNS}, ` : ''}(xmax = 0) AS inserted`,
    [workspaceId, payload],
  );
  if (!withRows) {
    const outcomes = written.map((row): UpsertOutcome => (row.inserted ? 'created' : 'updated'));
    while (outcomes.length < unique.size) outcomes.push('unchanged');
    return { rows: [], outcomes };
  }
  const out = written.map((row) => ({
    relationship: toRelationship(row),
    outcome: (row.inserted ? 'created' : 'updated') as UpsertOutcome,
  }));
  if (out.length < unique.size) {
    const seen = new Set(out.map((o) => o.relationship.id));
    const rows = await q.query<RelationshipRow>(
      `SELECT ${RELATIONSHIP_COLUMNS} FROM relationships r
         JOIN jsonb_to_recordset($1::jsonb) AS x(f bigint, t bigint, type text)
           ON r.entity_id_1 = x.f AND r.entity_id_2 = x.t AND r.type = x.type`,
      [payload],
    );
    for (const row of rows) {
      if (!seen.has(Number(row.id))) out.push({ relationship: toRelationship(row), outcome: 'unchanged' });
    }
  }
  return { rows: out, outcomes: out.map((o) => o.outcome) };
}
