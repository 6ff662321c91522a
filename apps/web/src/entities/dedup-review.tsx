'use client';

import Link from 'next/link';
import { useCallback, useEffect, useId, useReducer, useRef, useState } from 'react';
import { useClient } from 'urql';
import { entityHref } from '@/chat/routes';
import { errorCode } from '@/graphql/error-code';
import { useI18n } from '@/i18n/i18n-provider';
import {
  initialQueueState,
  queueReducer,
  visibleRows,
  type Candidate,
  type CandidateEntity,
  type DedupDecision,
  type QueueRow,
  type QueueState,
  type ReviewNotice,
} from './dedup-decisions';
import { DecideDedupCandidateMutation, DedupCandidatesQuery, RollbackMergeMutation } from './documents';

/** A merge's outcome, for callers that follow the kept entity (the entity page). */
export interface MergeDone {
  mergeId: number | null;
  kept: CandidateEntity | null;
}

/** The queue over the API: pages through `dedupCandidates`, decides pairs, undoes the last merge. */
function useDedupQueue(options: {
  pageSize: number;
  scanPages: number;
  mergedHere: { mergeId: number; kept: CandidateEntity } | undefined;
}) {
  const { pageSize, scanPages } = options;
  const client = useClient();
  const [state, dispatch] = useReducer(queueReducer, options.mergedHere, initialQueueState);
  const loadingRef = useRef(false);

  const load = useCallback(
    async (after: string | null) => {
      if (loadingRef.current) return;
      loadingRef.current = true;
      dispatch({ type: 'loadStarted' });
      const result = await client
        .query(DedupCandidatesQuery, { first: pageSize, after }, { requestPolicy: 'network-only' })
        .toPromise();
      loadingRef.current = false;
      const page = result.data?.dedupCandidates;
      if (result.error || !page) {
        dispatch({ type: 'loadFailed', code: result.error ? errorCode(result.error) : 'INTERNAL' });
        return;
      }
      dispatch({
        type: 'pageLoaded',
        candidates: page.edges.map((edge) => edge.node),
        endCursor: page.pageInfo.endCursor ?? null,
        hasNextPage: page.pageInfo.hasNextPage,
        reset: after === null,
      });
    },
    [client, pageSize],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  // The entity page looks through several pages at once for the pairs of its entity.
  const { loading, loadError, hasNextPage, pagesLoaded, endCursor } = state;
  useEffect(() => {
    if (!loading && !loadError && hasNextPage && pagesLoaded > 0 && pagesLoaded < scanPages)
      void load(endCursor);
  }, [loading, loadError, hasNextPage, pagesLoaded, endCursor, scanPages, load]);

  const decide = useCallback(
    async (candidate: Candidate, decision: DedupDecision): Promise<MergeDone | null> => {
      dispatch({ type: 'decideStarted', id: candidate.id, decision });
      const result = await client
        .mutation(DecideDedupCandidateMutation, { id: candidate.id, decision })
        .toPromise();
      const outcome = result.data?.decideDedupCandidate;
      if (result.error || !outcome) {
        dispatch({
          type: 'decideFailed',
          id: candidate.id,
          code: result.error ? errorCode(result.error) : 'INTERNAL',
        });
        return null;
      }
      const done = { mergeId: outcome.mergeId ?? null, kept: outcome.kept ?? null };
      dispatch({ type: 'decided', id: candidate.id, ...done });
      return done;
    },
    [client],
  );

  const undo = useCallback(
    async (mergeId: number) => {
      dispatch({ type: 'undoStarted' });
      const result = await client.mutation(RollbackMergeMutation, { mergeId }).toPromise();
      const rollback = result.data?.rollbackMerge;
      if (result.error || !rollback)
        dispatch({ type: 'undoFailed', code: result.error ? errorCode(result.error) : 'INTERNAL' });
      else dispatch({ type: 'undone', restored: rollback.restored.map((e) => e.name) });
    },
    [client],
  );

  return { state, load, decide, undo };
}

function EntityLabel({ entity }: { entity: CandidateEntity | null }) {
  const { t } = useI18n();
  if (!entity) return <span className="muted">{t('entity.hidden')}</span>;
  return (
    <span className="dedup-entity">
      <Link href={entityHref(entity.id)}>{entity.name}</Link> <span className="badge">{entity.type}</span>{' '}
      <span className="mono muted">{entity.key}</span>
    </span>
  );
}

/** One pending pair: both entities, score and evidence, Merge (confirmed first) and Keep separate. */
function CandidateItem({
  row,
  onDecide,
}: {
  row: QueueRow;
  onDecide: (candidate: Candidate, decision: DedupDecision) => void;
}) {
  const { t } = useI18n();
  const ids = { pair: useId(), confirm: useId(), question: useId() };
  const [confirming, setConfirming] = useState(false);
  const mergeButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const retryButton = useRef<HTMLButtonElement>(null);
  const { candidate, status } = row;
  const name = (entity: CandidateEntity | null) => entity?.name ?? t('entity.hidden');

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (status.kind === 'failed') retryButton.current?.focus();
  }, [status.kind]);

  const cancel = () => {
    setConfirming(false);
    mergeButton.current?.focus();
  };

  return (
    <li className="dedup-item" data-testid="dedup-candidate">
      <p className="dedup-pair" id={ids.pair}>
        <EntityLabel entity={candidate.entity1} /> <span className="muted">{t('dedup.and')}</span>{' '}
        <EntityLabel entity={candidate.entity2} />
      </p>
      <p className="dedup-meta muted">
        {t('dedup.similarity', { score: candidate.score.toFixed(2) })}
        {candidate.reason ? (
          <>
            {' · '}
            {t('dedup.evidence')} <span className="mono">{candidate.reason}</span>
          </>
        ) : null}
      </p>
      <div className="dedup-actions" role="group" aria-labelledby={ids.pair}>
        <button
          ref={mergeButton}
          type="button"
          className="button small"
          aria-expanded={confirming}
          aria-controls={confirming ? ids.confirm : undefined}
          onClick={() => setConfirming((open) => !open)}
        >
          {t('dedup.merge')}
        </button>
        <button type="button" className="button small ghost" onClick={() => onDecide(candidate, 'SEPARATE')}>
          {t('dedup.separate')}
        </button>
      </div>
      {confirming ? (
        <div
          id={ids.confirm}
          className="dedup-confirm"
          role="group"
          aria-labelledby={ids.question}
          onKeyDown={(event) => {
            if (event.key === 'Escape') cancel();
          }}
        >
          <p id={ids.question}>
            {t('dedup.confirmText', { a: name(candidate.entity1), b: name(candidate.entity2) })}
          </p>
          <button
            ref={confirmButton}
            type="button"
            className="button small primary"
            onClick={() => {
              setConfirming(false);
              onDecide(candidate, 'MERGE');
            }}
          >
            {t('dedup.confirmMerge')}
          </button>
          <button type="button" className="button small ghost" onClick={cancel}>
            {t('dedup.cancel')}
          </button>
        </div>
      ) : null}
      {status.kind === 'failed' ? (
        <div role="alert" className="error-box" data-testid="dedup-error">
          <span>
            {status.decision === 'MERGE'
              ? t('dedup.mergeFailed', { code: status.code })
              : t('dedup.separateFailed', { code: status.code })}
          </span>
          <button
            ref={retryButton}
            type="button"
            className="button small"
            onClick={() => onDecide(candidate, status.decision)}
          >
            {t('common.retry')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

/** What the last decision did; a merge offers its Undo (which becomes Retry after a failed undo). */
function NoticeView({ notice, onUndo }: { notice: ReviewNotice; onUndo: (mergeId: number) => void }) {
  const { t } = useI18n();
  const name = (entity: CandidateEntity | null) => entity?.name ?? t('entity.hidden');
  if (notice.kind === 'separated')
    return (
      <p role="status" className="ok-text">
        {t('dedup.separated', { a: name(notice.pair[0]), b: name(notice.pair[1]) })}
      </p>
    );
  if (notice.kind === 'undone')
    return (
      <p role="status" className="ok-text">
        {t('dedup.undone', { names: notice.restored.join(', ') })}
      </p>
    );
  const { mergeId, undo } = notice;
  return (
    <>
      <p role="status" className="ok-text">
        {notice.merged
          ? t('dedup.merged', { merged: notice.merged.name, kept: name(notice.kept) })
          : t('dedup.mergedHere', { kept: name(notice.kept) })}
      </p>
      {undo.kind === 'failed' ? (
        <p role="alert" className="error-text">
          {t('dedup.undoFailed', { code: undo.code })}
        </p>
      ) : null}
      {mergeId !== null ? (
        <button
          type="button"
          className="button small"
          disabled={undo.kind === 'running'}
          onClick={() => onUndo(mergeId)}
        >
          {undo.kind === 'running'
            ? t('dedup.undoing')
            : undo.kind === 'failed'
              ? t('common.retry')
              : t('dedup.undo')}
        </button>
      ) : null}
    </>
  );
}

function LoadProblem({ state, onRetry }: { state: QueueState; onRetry: () => void }) {
  const { t } = useI18n();
  if (!state.loadError) return null;
  if (state.loadError === 'FORBIDDEN')
    return (
      <p role="alert" className="error-text">
        {t('dedup.forbidden')}
      </p>
    );
  return (
    <div role="alert" className="error-box">
      <span>{t('dedup.loadFailed', { code: state.loadError })}</span>
      <button type="button" className="button small" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}

/**
 * The duplicate review list (admin): pending pairs with Merge (after a confirmation) and Keep
 * separate, removed from the list at once and put back with the error code if the API refuses;
 * a merge offers Undo. With `entityId`, only the pairs of that entity (the entity page's panel).
 */
export function DedupReview({
  entityId,
  pageSize,
  scanPages = 1,
  mergedHere,
  onMerged,
}: {
  entityId?: string;
  pageSize: number;
  /** Pages loaded up front (the entity page looks further for its entity's pairs). */
  scanPages?: number;
  /** A merge made on another page whose Undo this list offers. */
  mergedHere?: { mergeId: number; kept: CandidateEntity };
  onMerged?: (done: MergeDone) => void;
}) {
  const { t } = useI18n();
  const { state, load, decide, undo } = useDedupQueue({ pageSize, scanPages, mergedHere });
  const noticeRef = useRef<HTMLDivElement>(null);
  const [focusNotice, setFocusNotice] = useState(0);
  const rows = visibleRows(state, entityId);

  useEffect(() => {
    if (focusNotice > 0) noticeRef.current?.focus();
  }, [focusNotice]);

  const onDecide = (candidate: Candidate, decision: DedupDecision) => {
    void decide(candidate, decision).then((done) => {
      if (!done) return;
      setFocusNotice((n) => n + 1);
      if (decision === 'MERGE') onMerged?.(done);
    });
  };
  const onUndo = (mergeId: number) => {
    void undo(mergeId).then(() => setFocusNotice((n) => n + 1));
  };

  return (
    <div className="dedup-review">
      <div className="toolbar">
        <button
          type="button"
          className="button small ghost"
          disabled={state.loading}
          onClick={() => void load(null)}
        >
          {t('dedup.refresh')}
        </button>
        {state.loading ? <span className="muted">{t('common.loading')}</span> : null}
      </div>
      {state.notice ? (
        <div ref={noticeRef} tabIndex={-1} className="dedup-notice" data-testid="dedup-notice">
          <NoticeView notice={state.notice} onUndo={onUndo} />
        </div>
      ) : null}
      <LoadProblem
        state={state}
        onRetry={() => void load(state.pagesLoaded === 0 ? null : state.endCursor)}
      />
      {rows.length > 0 ? (
        <ul className="dedup-list" aria-label={t('dedup.list')}>
          {rows.map((row) => (
            <CandidateItem key={row.candidate.id} row={row} onDecide={onDecide} />
          ))}
        </ul>
      ) : state.pagesLoaded > 0 && !state.loading ? (
        <p className="muted">{entityId ? t('dedup.emptyForEntity') : t('dedup.empty')}</p>
      ) : null}
      {state.hasNextPage && state.pagesLoaded >= scanPages ? (
        <p className="dedup-more">
          {entityId ? (
            <span className="muted">{t('dedup.searchedFirst', { count: state.rows.length })} </span>
          ) : null}
          <button
            type="button"
            className="button small"
            disabled={state.loading}
            onClick={() => void load(state.endCursor)}
          >
            {t('dedup.loadMore')}
          </button>
        </p>
      ) : null}
    </div>
  );
}

/** The review queue page: every pending pair of the workspace, best score first, 20 at a time. */
export function DedupQueue() {
  const { t } = useI18n();
  return (
    <section className="page" aria-labelledby="dedup-title">
      <h1 id="dedup-title">{t('dedup.title')}</h1>
      <p className="muted">{t('dedup.intro')}</p>
      <DedupReview pageSize={20} />
    </section>
  );
}
