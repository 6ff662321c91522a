import type { DedupCandidatesQuery, DedupDecision } from '@/gql/graphql';

/** A pending pair as the review queue lists it (either entity may be gone or hidden: null). */
export type Candidate = DedupCandidatesQuery['dedupCandidates']['edges'][number]['node'];

/** One side of a pair. */
export type CandidateEntity = NonNullable<Candidate['entity1']>;

export type { DedupDecision };

/** Where admins review the whole queue. */
export const DEDUP_QUEUE_PATH = '/entities/duplicates';

/** A row of the queue: shown (idle or failed, with the error code), or hidden while its decision runs. */
export type RowStatus =
  | { kind: 'idle' }
  | { kind: 'deciding'; decision: DedupDecision }
  | { kind: 'failed'; decision: DedupDecision; code: string };

export interface QueueRow {
  candidate: Candidate;
  status: RowStatus;
}

/** How an undo of the last merge is going. */
export type UndoStatus = { kind: 'ready' } | { kind: 'running' } | { kind: 'failed'; code: string };

/** What the last decision did, shown above the list (a merge keeps its Undo here). */
export type ReviewNotice =
  | { kind: 'separated'; pair: [CandidateEntity | null, CandidateEntity | null] }
  | {
      kind: 'merged';
      /** For rollbackMerge; null when the API did not return one (no Undo then). */
      mergeId: number | null;
      kept: CandidateEntity | null;
      merged: CandidateEntity | null;
      undo: UndoStatus;
    }
  | { kind: 'undone'; restored: string[] };

/** The review queue as loaded so far, page by page through the cursor. */
export interface QueueState {
  rows: QueueRow[];
  endCursor: string | null;
  hasNextPage: boolean;
  pagesLoaded: number;
  loading: boolean;
  loadError: string | null;
  notice: ReviewNotice | null;
}

export type QueueEvent =
  | { type: 'loadStarted' }
  | {
      type: 'pageLoaded';
      candidates: Candidate[];
      endCursor: string | null;
      hasNextPage: boolean;
      reset: boolean;
    }
  | { type: 'loadFailed'; code: string }
  | { type: 'decideStarted'; id: string; decision: DedupDecision }
  | { type: 'decideFailed'; id: string; code: string }
  | { type: 'decided'; id: string; mergeId: number | null; kept: CandidateEntity | null }
  | { type: 'undoStarted' }
  | { type: 'undoFailed'; code: string }
  | { type: 'undone'; restored: string[] };

/** An empty queue; `mergedHere` offers the Undo of a merge made on another page (entity page redirect). */
export function initialQueueState(mergedHere?: { mergeId: number; kept: CandidateEntity }): QueueState {
  return {
    rows: [],
    endCursor: null,
    hasNextPage: false,
    pagesLoaded: 0,
    loading: false,
    loadError: null,
    notice: mergedHere
      ? {
          kind: 'merged',
          mergeId: mergedHere.mergeId,
          kept: mergedHere.kept,
          merged: null,
          undo: { kind: 'ready' },
        }
      : null,
  };
}

/** The side of a pair that is not `keptId` (the entity a merge removed). */
export function partnerOf(candidate: Candidate, keptId: string | undefined): CandidateEntity | null {
  if (keptId === undefined) return null;
  if (candidate.entity1?.id === keptId) return candidate.entity2;
  if (candidate.entity2?.id === keptId) return candidate.entity1;
  return null;
}

function withStatus(state: QueueState, id: string, status: RowStatus): QueueState {
  return {
    ...state,
    rows: state.rows.map((row) => (row.candidate.id === id ? { ...row, status } : row)),
  };
}

/**
 * Folds queue events: pages append (a pair already listed is kept once), a decision hides its row
 * at once and brings it back with the error code if the API refuses, a success drops it for good.
 */
export function queueReducer(state: QueueState, event: QueueEvent): QueueState {
  switch (event.type) {
    case 'loadStarted':
      return { ...state, loading: true, loadError: null };
    case 'pageLoaded': {
      // A refresh keeps the rows whose decision is still running, so its outcome still finds them.
      const base = event.reset ? state.rows.filter((row) => row.status.kind === 'deciding') : state.rows;
      const known = new Set(base.map((row) => row.candidate.id));
      const added = event.candidates
        .filter((c) => !known.has(c.id))
        .map((candidate): QueueRow => ({ candidate, status: { kind: 'idle' } }));
      return {
        ...state,
        rows: [...base, ...added],
        endCursor: event.endCursor ?? state.endCursor,
        hasNextPage: event.hasNextPage,
        pagesLoaded: (event.reset ? 0 : state.pagesLoaded) + 1,
        loading: false,
        loadError: null,
      };
    }
    case 'loadFailed':
      return { ...state, loading: false, loadError: event.code };
    case 'decideStarted':
      return withStatus(state, event.id, { kind: 'deciding', decision: event.decision });
    case 'decideFailed': {
      const row = state.rows.find((r) => r.candidate.id === event.id);
      if (!row || row.status.kind !== 'deciding') return state;
      return withStatus(state, event.id, { kind: 'failed', decision: row.status.decision, code: event.code });
    }
    case 'decided': {
      const row = state.rows.find((r) => r.candidate.id === event.id);
      if (row?.status.kind !== 'deciding') return state;
      const rows = state.rows.filter((r) => r.candidate.id !== event.id);
      const { candidate } = row;
      if (row.status.decision === 'SEPARATE')
        return {
          ...state,
          rows,
          notice: { kind: 'separated', pair: [candidate.entity1, candidate.entity2] },
        };
      return {
        ...state,
        rows,
        notice: {
          kind: 'merged',
          mergeId: event.mergeId,
          kept: event.kept,
          merged: partnerOf(candidate, event.kept?.id),
          undo: { kind: 'ready' },
        },
      };
    }
    case 'undoStarted':
    case 'undoFailed': {
      const notice = state.notice;
      if (notice?.kind !== 'merged' || notice.mergeId === null) return state;
      const undo: UndoStatus =
        event.type === 'undoStarted' ? { kind: 'running' } : { kind: 'failed', code: event.code };
      return { ...state, notice: { ...notice, undo } };
    }
    case 'undone':
      return state.notice?.kind === 'merged'
        ? { ...state, notice: { kind: 'undone', restored: event.restored } }
        : state;
  }
}

/** Whether a pair involves an entity. */
export function involves(candidate: Candidate, entityId: string): boolean {
  return candidate.entity1?.id === entityId || candidate.entity2?.id === entityId;
}

/** The rows to show: not those whose decision is running, and only pairs with `entityId` when given. */
export function visibleRows(state: QueueState, entityId?: string): QueueRow[] {
  return state.rows.filter(
    (row) => row.status.kind !== 'deciding' && (entityId === undefined || involves(row.candidate, entityId)),
  );
}
