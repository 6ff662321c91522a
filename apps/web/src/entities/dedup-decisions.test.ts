import { describe, expect, it } from 'vitest';
import {
  initialQueueState,
  involves,
  partnerOf,
  queueReducer,
  visibleRows,
  type Candidate,
  type CandidateEntity,
  type QueueEvent,
  type QueueState,
} from './dedup-decisions';

const anEntity = (id: string, name: string, type = 'Moon'): CandidateEntity => ({
  id,
  key: `moon:${name.toLowerCase()}`,
  name,
  type,
});

const triton = anEntity('E1', 'Triton');
const tritonCopy = anEntity('E9', 'Triton');
const enceladus = anEntity('E2', 'Enceladus');
const enceladusCopy = anEntity('E8', 'Enceladus');
const titan = anEntity('E3', 'Titan');

/** Builds a queued pair: aPair('C1').between(a, b).scoring(0.8). */
function aPair(id: string) {
  const candidate: Candidate = { id, score: 0.8, reason: 'name:name', entity1: triton, entity2: tritonCopy };
  const builder = {
    between(a: CandidateEntity | null, b: CandidateEntity | null) {
      candidate.entity1 = a;
      candidate.entity2 = b;
      return builder;
    },
    scoring(score: number) {
      candidate.score = score;
      return builder;
    },
    build: (): Candidate => ({ ...candidate }),
  };
  return builder;
}

const c1 = aPair('C1').between(triton, tritonCopy).build();
const c2 = aPair('C2').between(enceladus, enceladusCopy).scoring(0.75).build();
const c3 = aPair('C3').between(titan, null).scoring(0.7).build();

const page = (candidates: Candidate[], endCursor: string | null, hasNextPage: boolean, reset = false) =>
  ({ type: 'pageLoaded', candidates, endCursor, hasNextPage, reset }) satisfies QueueEvent;

const run = (events: QueueEvent[], from: QueueState = initialQueueState()): QueueState =>
  events.reduce(queueReducer, from);

const shownIds = (state: QueueState, entityId?: string) =>
  visibleRows(state, entityId).map((row) => row.candidate.id);

describe('the duplicate review queue', () => {
  it('appends pages in order, once per pair, and remembers the cursor for the next page', () => {
    const state = run([
      { type: 'loadStarted' },
      page([c1, c2], 'cursor-2', true),
      { type: 'loadStarted' },
      page([c2, c3], 'cursor-3', false),
    ]);
    expect(shownIds(state)).toEqual(['C1', 'C2', 'C3']);
    expect(state).toMatchObject({
      endCursor: 'cursor-3',
      hasNextPage: false,
      pagesLoaded: 2,
      loading: false,
    });
  });

  it('keeps the last cursor when a page comes back empty', () => {
    const state = run([page([c1], 'cursor-1', true), page([], null, false)]);
    expect(state.endCursor).toBe('cursor-1');
    expect(state.hasNextPage).toBe(false);
  });

  it('shows a load failure with its code until the next load starts', () => {
    const failed = run([{ type: 'loadStarted' }, { type: 'loadFailed', code: 'FORBIDDEN' }]);
    expect(failed).toMatchObject({ loading: false, loadError: 'FORBIDDEN', pagesLoaded: 0 });
    expect(queueReducer(failed, { type: 'loadStarted' })).toMatchObject({ loading: true, loadError: null });
  });

  it('hides a pair as soon as it is decided and brings it back in place with the code when the API refuses', () => {
    const loaded = run([page([c1, c2, c3], 'c', false)]);
    const deciding = queueReducer(loaded, { type: 'decideStarted', id: 'C2', decision: 'MERGE' });
    expect(shownIds(deciding)).toEqual(['C1', 'C3']);
    const failed = queueReducer(deciding, { type: 'decideFailed', id: 'C2', code: 'BAD_USER_INPUT' });
    expect(shownIds(failed)).toEqual(['C1', 'C2', 'C3']);
    expect(failed.rows[1]!.status).toEqual({ kind: 'failed', decision: 'MERGE', code: 'BAD_USER_INPUT' });
    expect(failed.notice).toBeNull();
  });

  it('drops a pair kept separate and says which two stay apart', () => {
    const state = run([
      page([c1, c2], 'c', false),
      { type: 'decideStarted', id: 'C1', decision: 'SEPARATE' },
      { type: 'decided', id: 'C1', mergeId: null, kept: null },
    ]);
    expect(state.rows.map((row) => row.candidate.id)).toEqual(['C2']);
    expect(state.notice).toEqual({ kind: 'separated', pair: [triton, tritonCopy] });
  });

  it('reports a merge with the kept and the merged entity and offers its undo until it succeeds', () => {
    const merged = run([
      page([c1, c2], 'c', false),
      { type: 'decideStarted', id: 'C1', decision: 'MERGE' },
      { type: 'decided', id: 'C1', mergeId: 7, kept: triton },
    ]);
    expect(shownIds(merged)).toEqual(['C2']);
    expect(merged.notice).toEqual({
      kind: 'merged',
      mergeId: 7,
      kept: triton,
      merged: tritonCopy,
      undo: { kind: 'ready' },
    });
    const refused = run([{ type: 'undoStarted' }, { type: 'undoFailed', code: 'BAD_USER_INPUT' }], merged);
    expect(refused.notice).toMatchObject({
      kind: 'merged',
      undo: { kind: 'failed', code: 'BAD_USER_INPUT' },
    });
    const retried = queueReducer(refused, { type: 'undoStarted' });
    expect(retried.notice).toMatchObject({ kind: 'merged', undo: { kind: 'running' } });
    const undone = queueReducer(retried, { type: 'undone', restored: ['Triton'] });
    expect(undone.notice).toEqual({ kind: 'undone', restored: ['Triton'] });
  });

  it('ignores undo events when there is no merge to undo', () => {
    const separated = run([
      page([c1], 'c', false),
      { type: 'decideStarted', id: 'C1', decision: 'SEPARATE' },
      { type: 'decided', id: 'C1', mergeId: null, kept: null },
    ]);
    expect(queueReducer(separated, { type: 'undoStarted' })).toBe(separated);
    expect(queueReducer(separated, { type: 'undone', restored: [] })).toBe(separated);
    const noId = run([
      page([c1], 'c', false),
      { type: 'decideStarted', id: 'C1', decision: 'MERGE' },
      { type: 'decided', id: 'C1', mergeId: null, kept: triton },
    ]);
    expect(noId.notice).toMatchObject({ kind: 'merged', mergeId: null });
    expect(queueReducer(noId, { type: 'undoFailed', code: 'X' })).toBe(noId);
  });

  it('ignores outcomes for pairs it is not deciding', () => {
    const loaded = run([page([c1], 'c', false)]);
    expect(queueReducer(loaded, { type: 'decided', id: 'C1', mergeId: 1, kept: triton })).toBe(loaded);
    expect(queueReducer(loaded, { type: 'decideFailed', id: 'C1', code: 'X' })).toBe(loaded);
    expect(queueReducer(loaded, { type: 'decided', id: 'nope', mergeId: 1, kept: triton })).toBe(loaded);
  });

  it('starts over on a refresh but keeps the pairs whose decision is still running', () => {
    const state = run([
      page([c1, c2], 'cursor-2', true),
      page([c3], 'cursor-3', false),
      { type: 'decideStarted', id: 'C2', decision: 'SEPARATE' },
      page([c2, c3], 'fresh', true, true),
    ]);
    expect(state.rows.map((row) => [row.candidate.id, row.status.kind])).toEqual([
      ['C2', 'deciding'],
      ['C3', 'idle'],
    ]);
    expect(state).toMatchObject({ endCursor: 'fresh', pagesLoaded: 1 });
    const decided = queueReducer(state, { type: 'decided', id: 'C2', mergeId: null, kept: null });
    expect(decided.notice).toEqual({ kind: 'separated', pair: [enceladus, enceladusCopy] });
  });

  it("lists only an entity's pairs on its page", () => {
    const state = run([page([c1, c2, c3], 'c', false)]);
    expect(shownIds(state, 'E9')).toEqual(['C1']);
    expect(shownIds(state, 'E3')).toEqual(['C3']);
    expect(shownIds(state, 'E404')).toEqual([]);
    expect(involves(c3, 'E3')).toBe(true);
    expect(involves(c3, 'E9')).toBe(false);
  });

  it('offers the undo of a merge made on the page the admin came from', () => {
    const state = initialQueueState({ mergeId: 12, kept: triton });
    expect(state.notice).toEqual({
      kind: 'merged',
      mergeId: 12,
      kept: triton,
      merged: null,
      undo: { kind: 'ready' },
    });
    expect(initialQueueState().notice).toBeNull();
  });
});

describe('partnerOf', () => {
  it('is the side of the pair that was not kept', () => {
    expect(partnerOf(c1, 'E1')).toEqual(tritonCopy);
    expect(partnerOf(c1, 'E9')).toEqual(triton);
    expect(partnerOf(c1, 'E2')).toBeNull();
    expect(partnerOf(c1, undefined)).toBeNull();
  });
});
