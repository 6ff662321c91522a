/** SQL of the discovery staging area (staged_entities). */
import type { AttributeValue } from '@rustygpt/core';
import type { Queryable } from '@rustygpt/store';

/**
 * State of a staged mention: `pending` validation, or resolved as `created` (a new entity),
 * `merged` (into an existing entity), `review` (a new entity queued as a possible duplicate) or
 * `rejected` (not a valid mention).
 */
export type StagedState = 'pending' | 'created' | 'merged' | 'review' | 'rejected';

/** A staged mention. */
export interface StagedRow {
  id: number;
  mention: string;
  normalized: string;
  type: string;
  source: string;
  attributes: Record<string, AttributeValue>;
  seenCount: number;
  state: StagedState;
  entityId: number | null;
  score: number | null;
  reason: string | null;
}

interface RawStaged {
  id: number;
  mention: string;
  normalized: string;
  type: string;
  source: string;
  attributes: Record<string, AttributeValue> | string;
  seen_count: number;
  state: StagedState;
  entity_id: number | null;
  score: number | null;
  reason: string | null;
}

const toStaged = (r: RawStaged): StagedRow => ({
  id: Number(r.id),
  mention: r.mention,
  normalized: r.normalized,
  type: r.type,
  source: r.source,
  attributes:
    typeof r.attributes === 'string'
      ? (JSON.parse(r.attributes) as Record<string, AttributeValue>)
      : r.attributes,
  seenCount: Number(r.seen_count),
  state: r.state,
  entityId: r.entity_id === null ? null : Number(r.entity_id),
  score: r.score === null ? null : Number(r.score),
  reason: r.reason,
});

const COLUMNS =
  'id, mention, normalized, type, source, attributes, seen_count, state, entity_id, score, reason';

/** Stages mentions (one statement); a mention seen again counts a sighting and gains attributes. */
export async function upsertStaged(
  q: Queryable,
  workspaceId: number,
  rows: {
    mention: string;
    normalized: string;
    type: string;
    source: string;
    attributes: Record<string, AttributeValue>;
  }[],
): Promise<StagedRow[]> {
  if (rows.length === 0) return [];
  const out = await q.query<RawStaged>(
    `INSERT INTO staged_entities (workspace_id, mention, normalized, type, source, attributes)
     SELECT $1, x.mention, x.normalized, x.type, x.source, x.attributes
       FROM jsonb_to_recordset($2::jsonb) AS x(mention text, normalized text, type text, source text, attributes jsonb)
     ON CONFLICT (workspace_id, normalized, type) DO UPDATE
       SET seen_count = staged_entities.seen_count + 1, attributes = EXCLUDED.attributes || staged_entities.attributes,
           updated_at = now()
     RETURNING ${COLUMNS}`,
    [workspaceId, JSON.stringify(rows)],
  );
  return out.map(toStaged);
}

/** Pending mentions seen at least `minSightings` times, oldest first. */
export async function pendingStaged(
  q: Queryable,
  workspaceId: number,
  minSightings: number,
  limit: number,
): Promise<StagedRow[]> {
  const rows = await q.query<RawStaged>(
    `SELECT ${COLUMNS} FROM staged_entities WHERE workspace_id = $1 AND state = 'pending' AND seen_count >= $2
      ORDER BY id LIMIT $3`,
    [workspaceId, minSightings, limit],
  );
  return rows.map(toStaged);
}

/** Records what validation decided for a staged mention. */
export async function resolveStaged(
  q: Queryable,
  id: number,
  state: StagedState,
  entityId: number | null,
  score: number | null,
  reason: string,
): Promise<void> {
  await q.query(
    'UPDATE staged_entities SET state = $2, entity_id = $3, score = $4, reason = $5, updated_at = now() WHERE id = $1',
    [id, state, entityId, score, reason],
  );
}

/** Staged rows by state (for listings and tests). */
export async function listStaged(
  q: Queryable,
  workspaceId: number,
  state?: StagedState,
): Promise<StagedRow[]> {
  const rows = await q.query<RawStaged>(
    `SELECT ${COLUMNS} FROM staged_entities WHERE workspace_id = $1 AND ($2::text IS NULL OR state = $2) ORDER BY id`,
    [workspaceId, state ?? null],
  );
  return rows.map(toStaged);
}
