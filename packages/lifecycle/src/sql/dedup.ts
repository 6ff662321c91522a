/** SQL of duplicate detection and review: candidate lookup, pair cosines, the dedup_candidates queue. */
import type { Queryable } from '@rustygpt/store';

/** Entities (other than `excludeId`) with a name or alias among the normalised forms. */
export async function entitiesByNormalizedNames(
  q: Queryable,
  workspaceId: number,
  normalized: string[],
  excludeId: number | null,
  limit: number,
): Promise<number[]> {
  if (normalized.length === 0) return [];
  const rows = await q.query<{ id: number }>(
    `SELECT DISTINCT e.id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
      WHERE e.workspace_id = $1 AND a.normalized = ANY($2::text[]) AND ($3::bigint IS NULL OR e.id <> $3)
      ORDER BY e.id LIMIT $4`,
    [workspaceId, normalized, excludeId, limit],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Entities sharing at least one attribute value with `entityId`, most shared first. Values held by
 * more than `maxGroupSize` entities (a country, a colour) are not evidence and are skipped.
 */
export async function entitiesSharingAttributes(
  q: Queryable,
  entityId: number,
  maxGroupSize: number,
  limit: number,
): Promise<{ id: number; shared: number }[]> {
  const rows = await q.query<{ id: number; shared: number }>(
    `WITH mine AS (SELECT attribute_id, value_id FROM entity_attribute_link WHERE entity_id = $1),
          selective AS (
            SELECT m.attribute_id, m.value_id FROM mine m
             WHERE (SELECT count(*) FROM entity_attribute_link l WHERE l.attribute_id = m.attribute_id AND l.value_id = m.value_id) <= $2)
     SELECT l.entity_id AS id, count(*)::int AS shared FROM selective s
       JOIN entity_attribute_link l ON l.attribute_id = s.attribute_id AND l.value_id = s.value_id
      WHERE l.entity_id <> $1 GROUP BY l.entity_id ORDER BY shared DESC, id LIMIT $3`,
    [entityId, maxGroupSize, limit],
  );
  return rows.map((r) => ({ id: Number(r.id), shared: Number(r.shared) }));
}

/** Cosine between one entity's vector and others' under one model (pairs without vectors are absent). */
export async function pairCosines(
  q: Queryable,
  modelId: number,
  entityId: number,
  others: number[],
): Promise<Map<number, number>> {
  if (others.length === 0) return new Map();
  const rows = await q.query<{ id: number; cos: number }>(
    `SELECT b.entity_id AS id, 1 - (a.embedding <=> b.embedding) AS cos
       FROM entity_embeddings a JOIN entity_embeddings b ON b.model_id = a.model_id AND b.entity_id = ANY($3::bigint[])
      WHERE a.entity_id = $2 AND a.model_id = $1`,
    [modelId, entityId, others],
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.cos)]));
}

/** The stored vector of an entity under a model, as pgvector text (null when none). */
export async function entityVectorText(
  q: Queryable,
  modelId: number,
  entityId: number,
): Promise<string | null> {
  const rows = await q.query<{ v: string }>(
    'SELECT embedding::text AS v FROM entity_embeddings WHERE model_id = $1 AND entity_id = $2',
    [modelId, entityId],
  );
  return rows[0]?.v ?? null;
}

/** Pairs (as `min:max`) already decided as not duplicates. */
export async function rejectedPairs(q: Queryable, entityId: number): Promise<Set<string>> {
  const rows = await q.query<{ a: number; b: number }>(
    `SELECT entity_id_1 AS a, entity_id_2 AS b FROM dedup_candidates
      WHERE state = 'rejected' AND (entity_id_1 = $1 OR entity_id_2 = $1)`,
    [entityId],
  );
  return new Set(rows.map((r) => `${Number(r.a)}:${Number(r.b)}`));
}

/** Queues a pair for review (ordered ids); a decided pair is left as decided. Returns its id. */
export async function upsertCandidate(
  q: Queryable,
  workspaceId: number,
  a: number,
  b: number,
  score: number,
  reason: string,
): Promise<number | null> {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const rows = await q.query<{ id: number }>(
    `INSERT INTO dedup_candidates (workspace_id, entity_id_1, entity_id_2, score, reason) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (entity_id_1, entity_id_2) DO UPDATE SET score = EXCLUDED.score, reason = EXCLUDED.reason
       WHERE dedup_candidates.state = 'pending'
     RETURNING id`,
    [workspaceId, lo, hi, score, reason],
  );
  return rows[0] ? Number(rows[0].id) : null;
}

/** State of a duplicate pair in the review queue: `pending` review, or decided `merged` or `rejected`. */
export type CandidateState = 'pending' | 'merged' | 'rejected';

/** One row of the review queue. */
export interface CandidateRow {
  id: number;
  entityId1: number;
  entityId2: number;
  score: number;
  reason: string | null;
  state: CandidateState;
  createdAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

interface RawCandidate {
  id: number;
  entity_id_1: number;
  entity_id_2: number;
  score: number;
  reason: string | null;
  state: CandidateState;
  created_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}

const toCandidate = (r: RawCandidate): CandidateRow => ({
  id: Number(r.id),
  entityId1: Number(r.entity_id_1),
  entityId2: Number(r.entity_id_2),
  score: Number(r.score),
  reason: r.reason,
  state: r.state,
  createdAt: new Date(r.created_at),
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null,
});

const CANDIDATE_COLUMNS =
  'id, entity_id_1, entity_id_2, score, reason, state, created_at, reviewed_by, reviewed_at';

/** A page of the review queue, best score first (keyset on score, id). */
export async function listCandidates(
  q: Queryable,
  workspaceId: number,
  options: { state: CandidateState; first: number; after?: { score: number; id: number } },
): Promise<CandidateRow[]> {
  const rows = await q.query<RawCandidate>(
    `SELECT ${CANDIDATE_COLUMNS} FROM dedup_candidates
      WHERE workspace_id = $1 AND state = $2 AND ($3::float8 IS NULL OR (score, -id) < ($3, -$4::bigint))
      ORDER BY score DESC, id LIMIT $5`,
    [
      workspaceId,
      options.state,
      options.after?.score ?? null,
      options.after?.id ?? 0,
      Math.max(0, Math.min(500, options.first)),
    ],
  );
  return rows.map(toCandidate);
}

/** Locks a candidate of the workspace. */
export async function lockCandidate(
  q: Queryable,
  workspaceId: number,
  id: number,
): Promise<CandidateRow | null> {
  const rows = await q.query<RawCandidate>(
    `SELECT ${CANDIDATE_COLUMNS} FROM dedup_candidates WHERE id = $1 AND workspace_id = $2 FOR UPDATE`,
    [id, workspaceId],
  );
  return rows[0] ? toCandidate(rows[0]) : null;
}

/** Records a review decision. */
export async function setCandidateState(
  q: Queryable,
  id: number,
  state: CandidateState,
  reviewer: string | null,
): Promise<void> {
  await q.query(
    'UPDATE dedup_candidates SET state = $2, reviewed_by = $3::uuid, reviewed_at = now() WHERE id = $1',
    [id, state, reviewer],
  );
}

/** Entities holding any of the (attribute, value) pairs, skipping values held by more than `maxGroupSize`. */
export async function entitiesWithAttributeValues(
  q: Queryable,
  workspaceId: number,
  pairs: { name: string; value: string | number | boolean }[],
  maxGroupSize: number,
  limit: number,
): Promise<number[]> {
  if (pairs.length === 0) return [];
  const rows = await q.query<{ id: number }>(
    `WITH wanted AS (
       SELECT v.attribute_id, v.id AS value_id FROM jsonb_to_recordset($2::jsonb) AS x(name text, value jsonb)
         JOIN attributes a ON a.workspace_id = $1 AND a.name = x.name
         JOIN attribute_values v ON v.attribute_id = a.id AND v.value = x.value),
     selective AS (
       SELECT w.* FROM wanted w
        WHERE (SELECT count(*) FROM entity_attribute_link l WHERE l.attribute_id = w.attribute_id AND l.value_id = w.value_id) <= $3)
     SELECT l.entity_id AS id FROM selective s
       JOIN entity_attribute_link l ON l.attribute_id = s.attribute_id AND l.value_id = s.value_id
      GROUP BY l.entity_id ORDER BY count(*) DESC, l.entity_id LIMIT $4`,
    [workspaceId, JSON.stringify(pairs), maxGroupSize, limit],
  );
  return rows.map((r) => Number(r.id));
}
