/**
 * Mutation-testing gate for reasoning-run records: a run and its trace come back exactly as
 * saved, in execution order; saving again updates the outcome and replaces the steps; runs stay
 * inside their workspace.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReasoningRunRecord, TraceStep } from '@rustygpt/core';
import { createRepositories, type KnowledgeStore } from '../src/index';
import { freshStore, openTestDatabase, type TestDatabase } from './support/modes';

let t: TestDatabase;
let store: KnowledgeStore;
let userId: string;

beforeAll(async () => {
  t = await openTestDatabase('embedded');
  store = await freshStore(t.db, 'runs');
  const user = await createRepositories(t.db).users.upsertIdentity({
    provider: 'test',
    subject: randomUUID(),
    name: 'Ada',
    email: 'ada@example.org',
  });
  userId = user.id;
});

afterAll(() => t.close());

/** A trace step with every field set to something distinct. */
function aStep(overrides: Partial<TraceStep> = {}): TraceStep {
  return {
    id: randomUUID(),
    parentId: null,
    node: 'entity-identification',
    pass: 1,
    order: 0,
    startedAt: new Date('2026-11-24T10:00:00.000Z'),
    durationMs: 12.5,
    status: 'ok',
    decision: 'exact',
    reason: 'matched "iron"',
    inputs: { question: 'What is iron?' },
    outputs: { mentions: [{ id: 7, text: 'iron' }] },
    entityIds: [7, 9],
    resourceIds: [3],
    ...overrides,
  };
}

/** A finished run of `steps`, by a known user, answering a message. */
function aRun(steps: TraceStep[], overrides: Partial<ReasoningRunRecord> = {}): ReasoningRunRecord {
  return {
    id: randomUUID(),
    workspaceId: store.workspaceId,
    question: 'What is the atomic mass of iron?',
    answer: '55.845',
    status: 'complete',
    workflowVersion: 'default@abc123',
    startedAt: new Date('2026-11-24T10:00:00.000Z'),
    durationMs: 42.25,
    userId,
    messageId: randomUUID(),
    steps,
    ...overrides,
  };
}

describe('run records (mutation gate)', () => {
  it('returns a run and its steps exactly as saved, steps in execution order', async () => {
    const first = aStep({ order: 0 });
    const child = aStep({
      order: 1,
      parentId: first.id,
      node: 'slot-resolution',
      pass: 2,
      status: 'timeout',
      decision: null,
      reason: null,
      startedAt: new Date('2026-11-24T10:00:00.250Z'),
      durationMs: 1500,
      inputs: {},
      outputs: { nested: { list: [1, 'two', null] } },
      entityIds: [],
      resourceIds: [11, 12],
    });
    const run = aRun([child, first]);
    await store.saveRun(run);
    expect(await store.getRun(run.id)).toEqual({ ...run, steps: [first, child] });
  });

  it('orders steps of the same position by start time, then by id', async () => {
    const late = aStep({ order: 3, startedAt: new Date('2026-11-24T10:00:02.000Z') });
    const early = aStep({ order: 3, startedAt: new Date('2026-11-24T10:00:01.000Z') });
    const [a, b] = [randomUUID(), randomUUID()].sort();
    const sameTimeB = aStep({ id: b, order: 5 });
    const sameTimeA = aStep({ id: a, order: 5 });
    const run = aRun([sameTimeB, late, sameTimeA, early]);
    await store.saveRun(run);
    expect((await store.getRun(run.id))?.steps.map((s) => s.id)).toEqual([early.id, late.id, a, b]);
  });

  it('updates the outcome on a second save and replaces the steps, keeping the question', async () => {
    const run = aRun([aStep(), aStep({ order: 1 })], { status: 'running', answer: null, durationMs: null });
    await store.saveRun(run);
    expect(await store.getRun(run.id)).toMatchObject({ status: 'running', answer: null, durationMs: null });
    const replacement = aStep({ node: 'generation', order: 0 });
    const finished = {
      ...run,
      question: 'a different question is ignored',
      answer: 'Iron weighs 55.845.',
      status: 'complete' as const,
      durationMs: 99,
      messageId: randomUUID(),
      workflowVersion: 'default@def456',
      steps: [replacement],
    };
    await store.saveRun(finished);
    expect(await store.getRun(run.id)).toEqual({ ...finished, question: run.question });
    await store.saveRun({ ...finished, status: 'error', steps: [] });
    expect(await store.getRun(run.id)).toMatchObject({ status: 'error', steps: [] });
  });

  it('keeps runs to their workspace and refuses ids that are not UUIDs', async () => {
    const run = aRun([aStep()], { userId: null, messageId: null });
    await store.saveRun(run);
    expect(await store.getRun(run.id)).toMatchObject({ userId: null, messageId: null });
    const other = await freshStore(t.db, 'other');
    expect(await other.getRun(run.id)).toBeNull();
    expect(await store.getRun(randomUUID())).toBeNull();
    expect(await store.getRun(`${run.id}x`)).toBeNull();
    expect(await store.getRun(`x${run.id}`)).toBeNull();
    expect(await store.getRun("' OR 1=1 --")).toBeNull();
    expect(await store.getRun(run.id.toUpperCase())).toMatchObject({ id: run.id });
  });
});
