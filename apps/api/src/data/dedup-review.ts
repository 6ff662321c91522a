import {
  Deduplicator,
  rollbackMerge,
  type CandidateState,
  type DedupCandidate,
  type DedupReport,
  type RollbackResult,
} from '@rustygpt/lifecycle';
import type { KnowledgeStore } from '@rustygpt/store';

export type { CandidateState, DedupCandidate, RollbackResult };

/** A reviewer's verdict on a queued pair, in the API's terms. */
export type ReviewDecision = 'merge' | 'separate';

/** What a decision did: the pair's new state and, for a merge, the merge record and kept entity id. */
export interface ReviewOutcome {
  candidateId: number;
  state: CandidateState;
  mergeId: number | null;
  keptId: number | null;
}

/**
 * The duplicate review queue of one workspace (@rustygpt/lifecycle's Deduplicator): list the
 * candidate pairs, decide them (merge, or keep separate so they are not proposed again), undo a
 * merge. Decisions live in the database, so every reviewer and browser sees them.
 */
export interface DedupReview {
  list(options: {
    state: CandidateState;
    first: number;
    after?: { score: number; id: number };
  }): Promise<DedupCandidate[]>;
  decide(candidateId: number, decision: ReviewDecision, reviewer: string): Promise<ReviewOutcome>;
  rollback(mergeId: number): Promise<RollbackResult>;
  /** Compares entities with the rest and queues likely duplicates (ingestion and jobs call this). */
  check(entityIds: number[]): Promise<DedupReport>;
}

/** The review queue over a workspace's KnowledgeStore. */
export function createDedupReview(store: KnowledgeStore): DedupReview {
  const dedup = new Deduplicator(store);
  return {
    list: (options) => dedup.listCandidates(options),
    async decide(candidateId, decision, reviewer) {
      const r = await dedup.decide(candidateId, decision === 'merge' ? 'merge' : 'reject', { reviewer });
      return {
        candidateId: r.candidateId,
        state: r.state,
        mergeId: r.merge?.mergeId ?? null,
        keptId: r.merge?.entity.id ?? null,
      };
    },
    rollback: (mergeId) => rollbackMerge(store, mergeId),
    check: (entityIds) => dedup.check(entityIds),
  };
}
