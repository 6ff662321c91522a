/**
 * Merging duplicates with a way back: the merge and a snapshot of everything it touched commit
 * in one transaction; `rollbackMerge` restores the duplicates (same ids) and the kept entity.
 */
import { ConflictError, NotFoundError, ValidationError, normalizeText, type Entity } from '@rustygpt/core';
import type { KnowledgeStore } from '@rustygpt/store';
import { recordChange, toRecord } from './sql/entity-details';
import {
  applyMerge,
  applyRollback,
  entityVersion,
  insertMergeRecord,
  lockMerge,
  snapshotMerge,
  takenKeys,
  unionAliases,
} from './sql/merges';

/** A merge that happened. */
export interface MergeResult {
  mergeId: number;
  entity: Entity;
  mergedIds: number[];
}

/** Options of {@link mergeEntities}. */
export interface MergeOptions {
  /** Who decided (user id or `auto`), kept on the merge record. */
  decidedBy?: string | null;
  /** Merge even entities of different types (a reviewer overriding the homonym guard). */
  allowTypeMismatch?: boolean;
}

/** Merges `mergeIds` into `keepId` (see module comment); throws ConflictError when any changed meanwhile. */
export async function mergeEntities(
  store: KnowledgeStore,
  keepId: number,
  mergeIds: number[],
  options: MergeOptions = {},
): Promise<MergeResult> {
  const others = [...new Set(mergeIds)].filter((id) => id !== keepId);
  if (others.length === 0)
    throw new ValidationError('nothing to merge: give at least one other entity', 'mergeIds');
  const loaded = await store.getEntities([keepId, ...others]);
  const keep = loaded.find((e) => e.id === keepId);
  if (!keep) throw new NotFoundError('entity', keepId);
  const merged = others.map((id) => {
    const e = loaded.find((x) => x.id === id);
    if (!e) throw new NotFoundError('entity', id);
    return e;
  });
  if (!options.allowTypeMismatch) {
    const odd = merged.find((m) => normalizeText(m.type) !== normalizeText(keep.type));
    if (odd)
      throw new ValidationError(
        `entity ${odd.id} is a ${odd.type}, entity ${keep.id} a ${keep.type}: homonyms are not merged`,
        'mergeIds',
      );
  }
  const mergeId = await store.db.transaction(async (tx) => {
    const versions = await tx.query<{ id: number; version: number }>(
      'SELECT id, version FROM entities WHERE workspace_id = $1 AND id = ANY($2::bigint[]) ORDER BY id FOR UPDATE',
      [store.workspaceId, [keepId, ...others]],
    );
    for (const e of [keep, ...merged]) {
      const now = versions.find((v) => Number(v.id) === e.id);
      if (!now || Number(now.version) !== e.version)
        throw new ConflictError(`entity ${e.id} changed during the merge; retry`, { id: e.id });
    }
    const snapshot = await snapshotMerge(tx, toRecord(keep), merged.map(toRecord));
    const created = await applyMerge(tx, store.workspaceId, keepId, others);
    await unionAliases(tx, keepId, snapshot.merged);
    const version = await recordChange(tx, keepId, `merge:${others.join(',')}`, snapshot.kept, {
      mergedIds: others,
    });
    return insertMergeRecord(
      tx,
      store.workspaceId,
      keepId,
      others,
      { ...snapshot, ...created },
      version,
      options.decidedBy ?? null,
    );
  });
  const entity = (await store.getEntity(keepId)) as Entity;
  return { mergeId, entity, mergedIds: others };
}

/** What a rollback restored. */
export interface RollbackResult {
  mergeId: number;
  kept: Entity;
  restored: Entity[];
}

/**
 * Undoes a merge. Refuses (ConflictError) when it was already rolled back, when a restored key
 * has been reused, or when the kept entity changed since the merge unless `force` is set (its
 * later changes are then lost).
 */
export async function rollbackMerge(
  store: KnowledgeStore,
  mergeId: number,
  options: { force?: boolean } = {},
): Promise<RollbackResult> {
  const merge = await store.db.transaction(async (tx) => {
    const m = await lockMerge(tx, store.workspaceId, mergeId);
    if (!m) throw new NotFoundError('merge', mergeId);
    if (m.state === 'rolled_back') throw new ConflictError(`merge ${mergeId} was already rolled back`);
    const version = await entityVersion(tx, store.workspaceId, m.keptId);
    if (version === null) throw new ConflictError(`entity ${m.keptId} was deleted after merge ${mergeId}`);
    if (version !== m.keptVersion && !options.force) {
      throw new ConflictError(
        `entity ${m.keptId} changed after merge ${mergeId} (version ${version}, merge left ${m.keptVersion}); roll back with force to discard those changes`,
        { id: m.keptId, version },
      );
    }
    const taken = await takenKeys(
      tx,
      store.workspaceId,
      m.snapshot.merged.map((e) => e.key),
    );
    if (taken.length > 0)
      throw new ConflictError(`keys reused since the merge: ${taken.join(', ')}`, { keys: taken });
    await applyRollback(tx, store.workspaceId, m);
    return m;
  });
  const entities = await store.getEntities([merge.keptId, ...merge.mergedIds]);
  return {
    mergeId,
    kept: entities.find((e) => e.id === merge.keptId) as Entity,
    restored: entities.filter((e) => e.id !== merge.keptId),
  };
}
