/**
 * SQL of merges and their rollback. A merge rewires the duplicates' relationships, resource links
 * and usage onto the kept entity, unions aliases and attributes, deletes the duplicates and stores
 * a snapshot of everything it touched in `entity_merges`, so `rollbackMerge` can put it all back
 * (same ids, same rows). Every function runs inside the caller's transaction.
 */
import { normalizeText } from '@rustygpt/core';
import { rewireEntityReferences, type Queryable, type RewiredReferences } from '@rustygpt/store';
import type { EntityRecord } from './entity-details';
import { recordChange, replaceAliases, replaceAttributes } from './entity-details';

interface RelationshipSnap {
  id: number;
  from: number;
  to: number;
  type: string;
  weight: number;
  path: string;
  createdAt: string;
}
interface LinkSnap {
  entityId: number;
  resourceId: number;
  confidence: number;
}
interface UsageSnap {
  entityId: number;
  usageCount: number;
  lastAccessed: string | null;
}
interface VectorSnap {
  entityId: number;
  modelId: number;
  embedding: string;
  contentHash: string;
}
interface ArchivedVectorSnap {
  entityId: number;
  modelId: number;
  dims: number;
  scale: number;
  quantized: string;
  contentHash: string;
}
interface RelationshipUsageSnap {
  relationshipId: number;
  useCount: number;
  lastUsed: string;
}
interface CandidateSnap {
  a: number;
  b: number;
  score: number;
  reason: string | null;
}

/** Everything a merge changed, as stored in entity_merges.snapshot. */
export interface MergeSnapshot {
  kept: EntityRecord;
  merged: EntityRecord[];
  relationships: RelationshipSnap[];
  links: LinkSnap[];
  usage: UsageSnap[];
  vectors: VectorSnap[];
  archivedVectors: ArchivedVectorSnap[];
  relationshipUsage: RelationshipUsageSnap[];
  candidates: CandidateSnap[];
  createdRelationshipIds: number[];
  createdLinkResourceIds: number[];
}

/** Reads what the merge will touch (call after locking the entities). */
export async function snapshotMerge(
  q: Queryable,
  kept: EntityRecord,
  merged: EntityRecord[],
): Promise<MergeSnapshot> {
  const all = [kept.id, ...merged.map((m) => m.id)];
  const ids = merged.map((m) => m.id);
  const relationships = await q.query<RelationshipSnap>(
    `SELECT id, entity_id_1 AS "from", entity_id_2 AS "to", type, weight, path::text AS path, created_at::text AS "createdAt"
       FROM relationships WHERE entity_id_1 = ANY($1::bigint[]) OR entity_id_2 = ANY($1::bigint[]) ORDER BY id`,
    [all],
  );
  const links = await q.query<LinkSnap>(
    `SELECT entity_id AS "entityId", resource_id AS "resourceId", confidence_score AS confidence
       FROM entity_resource_link WHERE entity_id = ANY($1::bigint[])`,
    [all],
  );
  const usage = await q.query<UsageSnap>(
    `SELECT entity_id AS "entityId", usage_count AS "usageCount", last_accessed::text AS "lastAccessed"
       FROM reference_tracking WHERE entity_id = ANY($1::bigint[])`,
    [all],
  );
  const vectors = await q.query<VectorSnap>(
    `SELECT entity_id AS "entityId", model_id AS "modelId", embedding::text AS embedding, content_hash AS "contentHash"
       FROM entity_embeddings WHERE entity_id = ANY($1::bigint[])`,
    [ids],
  );
  const archivedVectors = await q.query<ArchivedVectorSnap>(
    `SELECT entity_id AS "entityId", model_id AS "modelId", dims, scale, encode(quantized, 'hex') AS quantized,
            content_hash AS "contentHash" FROM archived_embeddings WHERE entity_id = ANY($1::bigint[])`,
    [ids],
  );
  const relationshipUsage = await q.query<RelationshipUsageSnap>(
    `SELECT u.relationship_id AS "relationshipId", u.use_count AS "useCount", u.last_used::text AS "lastUsed"
       FROM relationship_usage u JOIN relationships r ON r.id = u.relationship_id
      WHERE r.entity_id_1 = ANY($1::bigint[]) OR r.entity_id_2 = ANY($1::bigint[])`,
    [ids],
  );
  const candidates = await q.query<CandidateSnap>(
    `SELECT entity_id_1 AS a, entity_id_2 AS b, score, reason FROM dedup_candidates
      WHERE entity_id_1 = ANY($1::bigint[]) OR entity_id_2 = ANY($1::bigint[])`,
    [ids],
  );
  const num = <T extends object>(rows: T[], keys: (keyof T)[]): T[] =>
    rows.map((r) => {
      const out = { ...r };
      for (const k of keys) (out as Record<keyof T, unknown>)[k] = Number(r[k]);
      return out;
    });
  return {
    kept,
    merged,
    relationships: num(relationships, ['id', 'from', 'to', 'weight']),
    links: num(links, ['entityId', 'resourceId', 'confidence']),
    usage: num(usage, ['entityId', 'usageCount']),
    vectors: num(vectors, ['entityId', 'modelId']),
    archivedVectors: num(archivedVectors, ['entityId', 'modelId', 'dims', 'scale']),
    relationshipUsage: num(relationshipUsage, ['relationshipId', 'useCount']),
    candidates: num(candidates, ['a', 'b', 'score']),
    createdRelationshipIds: [],
    createdLinkResourceIds: [],
  };
}

/**
 * Applies a merge: relationships and links move to `keepId` (duplicate triples collapse to the
 * higher weight/confidence; self-loops are dropped), usage adds up, attributes the kept entity
 * lacks are copied (multi-valued ones unioned), the duplicates are deleted with tombstones.
 * Returns the ids of rows the merge created (for rollback).
 */
export async function applyMerge(
  q: Queryable,
  workspaceId: number,
  keepId: number,
  mergeIds: number[],
): Promise<RewiredReferences> {
  const created = await rewireEntityReferences(q, keepId, mergeIds);
  // Attributes the kept entity lacks: single-valued ones once (first duplicate wins), multi-valued ones unioned.
  await q.query(
    `INSERT INTO entity_attribute_link (entity_id, attribute_id, value_id, position, multi)
     SELECT DISTINCT ON (l.attribute_id) $1, l.attribute_id, l.value_id, l.position, l.multi
       FROM entity_attribute_link l
      WHERE l.entity_id = ANY($2::bigint[]) AND NOT l.multi
        AND NOT EXISTS (SELECT 1 FROM entity_attribute_link k WHERE k.entity_id = $1 AND k.attribute_id = l.attribute_id)
      ORDER BY l.attribute_id, array_position($2::bigint[], l.entity_id)
     ON CONFLICT DO NOTHING`,
    [keepId, mergeIds],
  );
  await q.query(
    `INSERT INTO entity_attribute_link (entity_id, attribute_id, value_id, position, multi)
     SELECT $1, l.attribute_id, l.value_id, 1000 + l.position, true
       FROM entity_attribute_link l
      WHERE l.entity_id = ANY($2::bigint[]) AND l.multi
        AND NOT EXISTS (SELECT 1 FROM entity_attribute_link k WHERE k.entity_id = $1 AND k.attribute_id = l.attribute_id AND NOT k.multi)
     ON CONFLICT DO NOTHING`,
    [keepId, mergeIds],
  );
  await q.query('DELETE FROM entities WHERE id = ANY($1::bigint[]) AND workspace_id = $2', [
    mergeIds,
    workspaceId,
  ]);
  await q.query(
    `INSERT INTO entity_tombstones (entity_id, workspace_id) SELECT unnest($1::bigint[]), $2
     ON CONFLICT (entity_id) DO UPDATE SET change_seq = nextval('knowledge_change_seq'), deleted_at = now()`,
    [mergeIds, workspaceId],
  );
  return created;
}

/** Adds the duplicates' names and aliases to the kept entity's aliases (positions after its own). */
export async function unionAliases(q: Queryable, keepId: number, merged: EntityRecord[]): Promise<void> {
  const extra = merged.flatMap((m) => [m.name, ...m.aliases]);
  await q.query(
    `INSERT INTO entity_aliases (entity_id, alias, normalized, is_name, position)
     SELECT $1, x.alias, x.n, false, (SELECT coalesce(max(position), 0) FROM entity_aliases WHERE entity_id = $1) + x.o
       FROM jsonb_to_recordset($2::jsonb) AS x(alias text, n text, o integer) WHERE x.n <> ''
     ON CONFLICT (entity_id, normalized) DO NOTHING`,
    [keepId, JSON.stringify(extra.map((alias, i) => ({ alias, n: normalizeText(alias), o: i + 1 })))],
  );
}

/** Stores a merge record; returns its id. */
export async function insertMergeRecord(
  q: Queryable,
  workspaceId: number,
  keepId: number,
  mergeIds: number[],
  snapshot: MergeSnapshot,
  keptVersion: number,
  decidedBy: string | null,
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO entity_merges (workspace_id, kept_id, merged_ids, snapshot, kept_version, decided_by)
     VALUES ($1, $2, $3::bigint[], $4::jsonb, $5, $6) RETURNING id`,
    [workspaceId, keepId, mergeIds, JSON.stringify(snapshot), keptVersion, decidedBy],
  );
  return Number(rows[0]?.id);
}

/** A stored merge. */
export interface MergeRecord {
  id: number;
  keptId: number;
  mergedIds: number[];
  snapshot: MergeSnapshot;
  keptVersion: number;
  state: 'applied' | 'rolled_back';
}

/** Loads and locks a merge of the workspace. */
export async function lockMerge(
  q: Queryable,
  workspaceId: number,
  mergeId: number,
): Promise<MergeRecord | null> {
  const rows = await q.query<{
    id: number;
    kept_id: number;
    merged_ids: number[];
    snapshot: MergeSnapshot;
    kept_version: number;
    state: 'applied' | 'rolled_back';
  }>(
    'SELECT id, kept_id, merged_ids, snapshot, kept_version, state FROM entity_merges WHERE id = $1 AND workspace_id = $2 FOR UPDATE',
    [mergeId, workspaceId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    keptId: Number(r.kept_id),
    mergedIds: r.merged_ids.map(Number),
    snapshot: typeof r.snapshot === 'string' ? (JSON.parse(r.snapshot) as MergeSnapshot) : r.snapshot,
    keptVersion: Number(r.kept_version),
    state: r.state,
  };
}

/** Current version of an entity (null when gone). */
export async function entityVersion(q: Queryable, workspaceId: number, id: number): Promise<number | null> {
  const rows = await q.query<{ version: number }>(
    'SELECT version FROM entities WHERE id = $1 AND workspace_id = $2 FOR UPDATE',
    [id, workspaceId],
  );
  return rows[0] ? Number(rows[0].version) : null;
}

/** Keys among `keys` that an entity of the workspace holds now. */
export async function takenKeys(q: Queryable, workspaceId: number, keys: string[]): Promise<string[]> {
  const rows = await q.query<{ key: string }>(
    'SELECT key FROM entities WHERE workspace_id = $1 AND key = ANY($2::text[])',
    [workspaceId, keys],
  );
  return rows.map((r) => r.key);
}

/**
 * Undoes a merge from its snapshot: the duplicates come back with their ids, aliases, attributes,
 * relationships, links, usage and vectors; rows the merge created are deleted and rows it changed
 * get their old values; the kept entity gets its aliases and attributes back. Pairs are recorded
 * as rejected dedup candidates so automatic dedup does not merge them again.
 */
export async function applyRollback(q: Queryable, workspaceId: number, merge: MergeRecord): Promise<void> {
  const s = merge.snapshot;
  const mergedIds = s.merged.map((m) => m.id);
  await q.query('DELETE FROM relationships WHERE id = ANY($1::bigint[])', [s.createdRelationshipIds]);
  if (s.createdLinkResourceIds.length > 0) {
    await q.query(
      'DELETE FROM entity_resource_link WHERE entity_id = $1 AND resource_id = ANY($2::bigint[])',
      [merge.keptId, s.createdLinkResourceIds],
    );
  }
  await q.query(
    `INSERT INTO entities (id, workspace_id, key, type, name, state, version, created_at)
     OVERRIDING SYSTEM VALUE
     SELECT x.id, $1, x.key, x.type, x.name, x.state, x.version + 1, x."createdAt"::timestamptz
       FROM jsonb_to_recordset($2::jsonb) AS x(id bigint, key text, type text, name text, state text, version integer, "createdAt" text)`,
    [workspaceId, JSON.stringify(s.merged)],
  );
  await q.query('DELETE FROM entity_tombstones WHERE entity_id = ANY($1::bigint[])', [mergedIds]);
  for (const m of s.merged) {
    await replaceAliases(q, m.id, m.name, m.aliases);
    await replaceAttributes(q, workspaceId, m.id, m.attributes);
    await q.query(
      `INSERT INTO entity_versions (entity_id, version, change, before, after) VALUES ($1, $2, $3, NULL, $4::jsonb)`,
      [m.id, m.version + 1, `rollback-merge:${merge.id}`, JSON.stringify(m)],
    );
  }
  // Relationships: back with their ids where both ends still exist; the kept entity's own get their old weights.
  await q.query(
    `INSERT INTO relationships (id, workspace_id, entity_id_1, entity_id_2, type, weight, path, created_at)
     OVERRIDING SYSTEM VALUE
     SELECT x.id, $1, x."from", x."to", x.type, x.weight, x.path::ltree, x."createdAt"::timestamptz
       FROM jsonb_to_recordset($2::jsonb) AS x(id bigint, "from" bigint, "to" bigint, type text, weight float8, path text, "createdAt" text)
      WHERE EXISTS (SELECT 1 FROM entities WHERE id = x."from") AND EXISTS (SELECT 1 FROM entities WHERE id = x."to")
     ON CONFLICT DO NOTHING`,
    [workspaceId, JSON.stringify(s.relationships)],
  );
  await q.query(
    `UPDATE relationships r SET weight = x.weight, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, weight float8) WHERE r.id = x.id`,
    [JSON.stringify(s.relationships.filter((r) => r.from === merge.keptId || r.to === merge.keptId))],
  );
  await q.query(
    `INSERT INTO entity_resource_link (entity_id, resource_id, confidence_score)
     SELECT x."entityId", x."resourceId", x.confidence FROM jsonb_to_recordset($1::jsonb) AS x("entityId" bigint, "resourceId" bigint, confidence real)
      WHERE EXISTS (SELECT 1 FROM external_resources WHERE id = x."resourceId")
     ON CONFLICT (entity_id, resource_id) DO UPDATE SET confidence_score = EXCLUDED.confidence_score`,
    [JSON.stringify(s.links)],
  );
  await q.query('DELETE FROM reference_tracking WHERE entity_id = $1', [merge.keptId]);
  await q.query(
    `INSERT INTO reference_tracking (entity_id, usage_count, last_accessed)
     SELECT x."entityId", x."usageCount", x."lastAccessed"::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS x("entityId" bigint, "usageCount" bigint, "lastAccessed" text)
     ON CONFLICT (entity_id) DO UPDATE SET usage_count = EXCLUDED.usage_count, last_accessed = EXCLUDED.last_accessed`,
    [JSON.stringify(s.usage)],
  );
  await q.query(
    `INSERT INTO entity_embeddings (entity_id, model_id, embedding, content_hash)
     SELECT x."entityId", x."modelId", x.embedding::vector, x."contentHash"
       FROM jsonb_to_recordset($1::jsonb) AS x("entityId" bigint, "modelId" bigint, embedding text, "contentHash" text)
      WHERE EXISTS (SELECT 1 FROM embedding_models WHERE id = x."modelId")
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(s.vectors)],
  );
  await q.query(
    `INSERT INTO archived_embeddings (entity_id, model_id, dims, scale, quantized, content_hash)
     SELECT x."entityId", x."modelId", x.dims, x.scale, decode(x.quantized, 'hex'), x."contentHash"
       FROM jsonb_to_recordset($1::jsonb) AS x("entityId" bigint, "modelId" bigint, dims integer, scale real, quantized text, "contentHash" text)
      WHERE EXISTS (SELECT 1 FROM embedding_models WHERE id = x."modelId")
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(s.archivedVectors)],
  );
  await q.query(
    `INSERT INTO relationship_usage (relationship_id, use_count, last_used)
     SELECT x."relationshipId", x."useCount", x."lastUsed"::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS x("relationshipId" bigint, "useCount" bigint, "lastUsed" text)
      WHERE EXISTS (SELECT 1 FROM relationships WHERE id = x."relationshipId")
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(s.relationshipUsage)],
  );
  // The kept entity as it was, and the pairs marked "not duplicates" so dedup leaves them apart.
  await replaceAliases(q, merge.keptId, s.kept.name, s.kept.aliases);
  await replaceAttributes(q, workspaceId, merge.keptId, s.kept.attributes);
  await recordChange(q, merge.keptId, `rollback-merge:${merge.id}`, null, s.kept);
  // One row per pair (a reviewed pair is both a stored candidate and the merged pair).
  const byPair = new Map<string, { a: number; b: number; score: number; reason: string | null }>();
  for (const id of mergedIds) {
    const [a, b] = [Math.min(id, merge.keptId), Math.max(id, merge.keptId)];
    byPair.set(`${a}:${b}`, { a, b, score: 0, reason: null });
  }
  for (const c of s.candidates)
    byPair.set(`${c.a}:${c.b}`, { a: c.a, b: c.b, score: c.score, reason: c.reason });
  const pairs = [...byPair.values()];
  await q.query(
    `INSERT INTO dedup_candidates (workspace_id, entity_id_1, entity_id_2, score, reason, state, reviewed_at)
     SELECT $1, x.a, x.b, x.score, coalesce(x.reason, 'merge rolled back'), 'rejected', now()
       FROM jsonb_to_recordset($2::jsonb) AS x(a bigint, b bigint, score float8, reason text)
      WHERE x.a < x.b AND EXISTS (SELECT 1 FROM entities WHERE id = x.a) AND EXISTS (SELECT 1 FROM entities WHERE id = x.b)
     ON CONFLICT (entity_id_1, entity_id_2) DO UPDATE SET state = 'rejected', reviewed_at = now()`,
    [workspaceId, JSON.stringify(pairs)],
  );
  await q.query(`UPDATE entity_merges SET state = 'rolled_back', rolled_back_at = now() WHERE id = $1`, [
    merge.id,
  ]);
}
