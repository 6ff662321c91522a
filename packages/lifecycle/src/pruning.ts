/**
 * Pruning tiers driven by reference tracking: entities unused for `inactiveAfter` become
 * inactive, for `archiveAfter` archived (their vectors leave the HNSW index, kept int8-compressed);
 * a recent reference moves them back. Runs as a resumable batch job, in small transactions, when
 * the adapted policy says the system is idle (or memory is critical).
 */
import type { EntityState } from '@rustygpt/core';
import type { KnowledgeStore } from '@rustygpt/store';
import type { PruningPolicy } from './adaptive';
import type { ResumableJob } from './jobs';
import { reactivateIn } from './reactivation';
import { setStates } from './sql/entity-details';
import { archiveVectors, usagePage, type UsageRow } from './sql/pruning';

/** Where an entity belongs under a policy: frequently used ones get twice the time. */
export function targetState(row: UsageRow, policy: PruningPolicy, now: Date): EntityState {
  const age = now.getTime() - row.touchedAt.getTime();
  const factor = row.usageCount >= policy.keepUsage ? 2 : 1;
  if (age >= policy.archiveAfterMs * factor) return 'archived';
  if (age >= policy.inactiveAfterMs * factor) return 'inactive';
  return 'active';
}

/** `prune`: every tier move; `archive`: only inactive -> archived. */
export type PruneMode = 'prune' | 'archive';

/** Moves planned for one batch of entities. */
export interface PrunePlan {
  deactivate: number[];
  archive: number[];
  reactivate: number[];
}

/** Plans the moves of a page of entities (pure). */
export function planMoves(rows: UsageRow[], policy: PruningPolicy, now: Date, mode: PruneMode): PrunePlan {
  const plan: PrunePlan = { deactivate: [], archive: [], reactivate: [] };
  for (const row of rows) {
    const target = targetState(row, policy, now);
    if (target === row.state) continue;
    if (mode === 'archive') {
      if (row.state === 'inactive' && target === 'archived') plan.archive.push(row.id);
      continue;
    }
    if (target === 'archived') plan.archive.push(row.id);
    else if (target === 'inactive' && row.state === 'active') plan.deactivate.push(row.id);
    else if (target === 'active') plan.reactivate.push(row.id);
  }
  return plan;
}

export interface PruneJobOptions {
  mode?: PruneMode;
  now?: () => Date;
  clusterMinWeight?: number;
}

/** The prune (or archive) job of a workspace, resumable by entity id. */
export function pruneJob(
  store: KnowledgeStore,
  policy: PruningPolicy,
  options: PruneJobOptions = {},
): ResumableJob {
  const mode = options.mode ?? 'prune';
  const now = options.now ?? (() => new Date());
  return {
    kind: mode,
    key: `workspace:${store.workspaceId}`,
    total: () => store.countEntities(),
    async batch(tx, cursor) {
      const rows = await usagePage(tx, store.workspaceId, cursor, policy.batchSize);
      const plan = planMoves(rows, policy, now(), mode);
      const deactivated = await setStates(
        tx,
        store.workspaceId,
        plan.deactivate,
        'inactive',
        `${mode}:inactive`,
      );
      const archived = await setStates(tx, store.workspaceId, plan.archive, 'archived', `${mode}:archived`);
      const vectors = await archiveVectors(tx, archived);
      const back = await reactivateIn(tx, store.workspaceId, plan.reactivate, {
        clusterMinWeight: options.clusterMinWeight ?? 0.5,
        clusterLimit: 100,
        queue: true,
      });
      const last = rows[rows.length - 1];
      return {
        cursor: last ? last.id : cursor,
        processed: rows.length,
        counts: {
          inactive: deactivated.length,
          archived: archived.length,
          reactivated: back.reactivated.length,
          vectorsArchived: vectors,
        },
        done: rows.length < policy.batchSize,
      };
    },
  };
}

/** Counts of a dry run: what a prune would move now, nothing written. */
export async function planPrune(
  store: KnowledgeStore,
  policy: PruningPolicy,
  options: { mode?: PruneMode; now?: Date } = {},
): Promise<{ scanned: number; inactive: number; archived: number; reactivated: number }> {
  const now = options.now ?? new Date();
  const out = { scanned: 0, inactive: 0, archived: 0, reactivated: 0 };
  let cursor = 0;
  for (;;) {
    const rows = await usagePage(store.db, store.workspaceId, cursor, policy.batchSize);
    const plan = planMoves(rows, policy, now, options.mode ?? 'prune');
    out.scanned += rows.length;
    out.inactive += plan.deactivate.length;
    out.archived += plan.archive.length;
    out.reactivated += plan.reactivate.length;
    const last = rows[rows.length - 1];
    if (!last || rows.length < policy.batchSize) return out;
    cursor = last.id;
  }
}
