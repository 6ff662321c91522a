/**
 * Reactivation: a reference to an archived entity (alias match, relationship, API read) brings it
 * back within the same request: state active, its vector back in the index (restored from the
 * archive when the model is unchanged, recomputed otherwise) and its archived relationship cluster
 * (direct neighbours over strong relationships) back to inactive so traversals find it whole.
 */
import type { EntityState } from '@rustygpt/core';
import type { KnowledgeStore, Queryable } from '@rustygpt/store';
import { setStates } from './sql/entity-details';
import {
  activeModelId,
  archivedCluster,
  lockStates,
  queueEmbedding,
  restoreVectors,
  touch,
  withoutVector,
} from './sql/pruning';

/** Computes vectors for entities now (e.g. `indexEmbeddings(store, embedder, { entityIds })`). */
export type Reembed = (entityIds: number[]) => Promise<void>;

/** Options of the {@link Reactivator}. */
export interface ReactivationOptions {
  /** Relationships at least this heavy pull archived neighbours back (default 0.5). */
  clusterMinWeight?: number;
  /** Neighbours restored per call at most (default 100). */
  clusterLimit?: number;
  /** Recompute missing vectors in the request; without it they are queued in embedding_jobs. */
  reembed?: Reembed | null;
}

/** What a reactivation did. */
export interface ReactivationReport {
  /** Requested entities that were inactive or archived and are active now. */
  reactivated: number[];
  /** Archived neighbours brought back to inactive. */
  cluster: number[];
  /** Vectors put back from the archive. */
  restoredVectors: number[];
  /** Vectors recomputed now (model changed or none archived). */
  reembedded: number[];
  /** Vectors queued for the embedding workers (no re-embed function given). */
  queued: number[];
}

/** The transactional part of a reactivation (the prune job calls it inside its batch). */
export async function reactivateIn(
  q: Queryable,
  workspaceId: number,
  entityIds: number[],
  options: { clusterMinWeight: number; clusterLimit: number; queue: boolean },
): Promise<{ reactivated: number[]; cluster: number[]; restored: number[]; missing: number[] }> {
  const states = await lockStates(
    q,
    workspaceId,
    entityIds.filter((id) => Number.isSafeInteger(id)),
  );
  const cold = states.filter((s) => s.state !== 'active');
  if (cold.length === 0) return { reactivated: [], cluster: [], restored: [], missing: [] };
  const archived = cold.filter((s) => s.state === ('archived' as EntityState)).map((s) => s.id);
  const cluster = await archivedCluster(q, archived, options.clusterMinWeight, options.clusterLimit);
  const reactivated = await setStates(
    q,
    workspaceId,
    cold.map((s) => s.id),
    'active',
    'reactivate',
  );
  await setStates(q, workspaceId, cluster, 'inactive', 'reactivate-cluster');
  const model = await activeModelId(q);
  const thawed = [...archived, ...cluster];
  const restored = await restoreVectors(q, thawed, model);
  const missing = model === null ? [] : await withoutVector(q, thawed, model);
  if (options.queue && model !== null) await queueEmbedding(q, model, missing);
  return { reactivated, cluster, restored, missing };
}

/** Brings archived and inactive entities back (see module comment). */
export class Reactivator {
  private readonly clusterMinWeight: number;
  private readonly clusterLimit: number;

  constructor(
    private readonly store: KnowledgeStore,
    private readonly options: ReactivationOptions = {},
  ) {
    this.clusterMinWeight = options.clusterMinWeight ?? 0.5;
    this.clusterLimit = options.clusterLimit ?? 100;
  }

  /** Reactivates `entityIds` (unknown and active ones are ignored) and counts them as used. */
  async reactivate(entityIds: number[]): Promise<ReactivationReport> {
    const reembed = this.options.reembed ?? null;
    const r = await this.store.db.transaction(async (tx) => {
      const out = await reactivateIn(tx, this.store.workspaceId, entityIds, {
        clusterMinWeight: this.clusterMinWeight,
        clusterLimit: this.clusterLimit,
        queue: reembed === null,
      });
      await touch(
        tx,
        this.store.workspaceId,
        entityIds.filter((id) => Number.isSafeInteger(id)),
      );
      return out;
    });
    let reembedded: number[] = [];
    if (reembed && r.missing.length > 0) {
      await reembed(r.missing);
      reembedded = r.missing;
    }
    return {
      reactivated: r.reactivated,
      cluster: r.cluster,
      restoredVectors: r.restored,
      reembedded,
      queued: reembed ? [] : r.missing,
    };
  }
}
