import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type JobRecord, type Repositories } from '../src/index';
import { openTestDatabase, type TestDatabase } from './support/modes';

// Lifecycle jobs as a worker and an admin see them: created queued with defaults, patched field
// by field (left-out fields keep their value, an explicit null clears), claimed once and oldest
// first, progress as a fraction capped at 1, completed or failed, re-queued after a crash, and
// listed newest first with filters. One embedded database; each test uses a job kind of its own
// (tests of whole-table operations first clear the table).
describe('job repository (embedded)', () => {
  let t: TestDatabase;
  let repos: Repositories;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    repos = createRepositories(t.db);
  }, 60_000);
  afterAll(async () => t?.close());

  const aKind = () => `kind-${randomUUID().slice(0, 8)}`;
  const aJob = (kind = aKind()) => repos.jobs.create({ kind });
  /** Sets a job's creation time (orders claims and lists without depending on the clock). */
  const createdAt = (job: JobRecord, iso: string) =>
    t.db.query('UPDATE jobs SET created_at = $2 WHERE id = $1', [job.id, iso]);
  const claimedBy = async (job: JobRecord) =>
    (
      await t.db.query<{ claimed_by: string | null }>('SELECT claimed_by FROM jobs WHERE id = $1', [job.id])
    )[0]?.claimed_by;

  it('creates a queued job with defaults for everything not given', async () => {
    const kind = aKind();
    const job = await repos.jobs.create({ kind });
    expect(job).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind,
      state: 'queued',
      progress: 0,
      processed: 0,
      total: null,
      message: null,
      error: null,
      payload: {},
      createdBy: null,
      createdAt: expect.any(Date),
      startedAt: null,
      finishedAt: null,
    });
    expect(await repos.jobs.get(job.id)).toEqual(job);
  });

  it('creates a job with its creator, total and payload', async () => {
    const user = await repos.users.upsertIdentity({
      provider: 'test',
      subject: randomUUID(),
      name: null,
      email: null,
    });
    const job = await repos.jobs.create({
      kind: aKind(),
      createdBy: user.id,
      total: 40,
      payload: { model: 'm', ids: [1, 2] },
    });
    expect(job).toMatchObject({ createdBy: user.id, total: 40, payload: { model: 'm', ids: [1, 2] } });
    expect(typeof job.total).toBe('number');
  });

  it('finds nothing for an unknown or malformed id', async () => {
    expect(await repos.jobs.get(randomUUID())).toBeNull();
    expect(await repos.jobs.get('nope')).toBeNull();
  });

  it('patches only the fields given and clears the ones given as null', async () => {
    const job = await repos.jobs.create({ kind: aKind(), total: 10 });
    const startedAt = new Date('2026-01-02T03:04:05.000Z');
    const finishedAt = new Date('2026-01-02T04:00:00.000Z');
    const patched = await repos.jobs.update(job.id, {
      state: 'running',
      progress: 0.5,
      processed: 5,
      total: 20,
      message: 'halfway',
      error: 'retrying',
      startedAt,
      finishedAt,
    });
    expect(patched).toEqual({
      ...job,
      state: 'running',
      progress: 0.5,
      processed: 5,
      total: 20,
      message: 'halfway',
      error: 'retrying',
      startedAt,
      finishedAt,
    });
    expect(await repos.jobs.update(job.id, {})).toEqual(patched);
    expect(await repos.jobs.update(job.id, { progress: 0, processed: 0 })).toMatchObject({
      progress: 0,
      processed: 0,
      total: 20,
    });
    const cleared = await repos.jobs.update(job.id, {
      total: null,
      message: null,
      error: null,
      startedAt: null,
      finishedAt: null,
    });
    expect(cleared).toMatchObject({
      state: 'running',
      total: null,
      message: null,
      error: null,
      startedAt: null,
    });
    expect(cleared.finishedAt).toBeNull();
    expect(await repos.jobs.get(job.id)).toEqual(cleared);
  });

  it('refuses to patch an unknown or malformed job', async () => {
    for (const id of [randomUUID(), 'nope']) {
      const error = await repos.jobs.update(id, { state: 'running' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).message).toBe(`job ${id} not found`);
    }
  });

  it('records progress as processed over total, capped at 1, and 0 without a positive total', async () => {
    const job = await repos.jobs.create({ kind: aKind(), total: 8 });
    expect(await repos.jobs.progress(job.id, 2, 8, 'counting')).toMatchObject({
      processed: 2,
      total: 8,
      progress: 0.25,
      message: 'counting',
    });
    expect(await repos.jobs.progress(job.id, 12, 8)).toMatchObject({
      processed: 12,
      progress: 1,
      message: 'counting',
    });
    expect(await repos.jobs.progress(job.id, 3, null)).toMatchObject({
      processed: 3,
      total: null,
      progress: 0,
    });
    expect(await repos.jobs.progress(job.id, 3, 0)).toMatchObject({ total: 0, progress: 0 });
    expect(await repos.jobs.progress(job.id, 3, -4)).toMatchObject({ total: -4, progress: 0 });
  });

  it('claims the oldest queued job of the given kinds once, marking it running for that worker', async () => {
    const kind = aKind();
    const newer = await aJob(kind);
    const older = await aJob(kind);
    const otherKind = await aJob();
    await createdAt(newer, '2021-01-01T00:00:00Z');
    await createdAt(older, '2020-01-01T00:00:00Z');
    await createdAt(otherKind, '2019-01-01T00:00:00Z');
    const first = await repos.jobs.claim('worker-1', [kind]);
    expect(first).toMatchObject({ id: older.id, state: 'running', startedAt: expect.any(Date) });
    expect(await claimedBy(older)).toBe('worker-1');
    expect((await repos.jobs.claim('worker-2', ['no-such-kind', kind]))?.id).toBe(newer.id);
    expect(await claimedBy(newer)).toBe('worker-2');
    expect(await repos.jobs.claim('worker-3', [kind])).toBeNull();
    expect((await repos.jobs.get(otherKind.id))?.state).toBe('queued');
  });

  it('claims a job of any kind when no kinds are given, and never one that is not queued', async () => {
    await t.db.query('DELETE FROM jobs');
    const done = await aJob();
    await repos.jobs.complete(done.id);
    const queued = await aJob();
    expect((await repos.jobs.claim('worker'))?.id).toBe(queued.id);
    expect(await repos.jobs.claim('worker')).toBeNull();
  });

  it('completes a job: succeeded, progress 1, finished, keeping or replacing its message', async () => {
    const job = await aJob();
    await repos.jobs.update(job.id, { message: 'working' });
    const done = await repos.jobs.complete(job.id);
    expect(done).toMatchObject({ state: 'succeeded', progress: 1, message: 'working', error: null });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect((await repos.jobs.complete((await aJob()).id, 'all done')).message).toBe('all done');
  });

  it('fails or cancels a job with its error, finished now', async () => {
    const failed = await repos.jobs.fail((await aJob()).id, 'boom');
    expect(failed).toMatchObject({ state: 'failed', error: 'boom' });
    expect(failed.finishedAt).toBeInstanceOf(Date);
    const cancelled = await repos.jobs.fail((await aJob()).id, 'stopped by admin', 'cancelled');
    expect(cancelled).toMatchObject({ state: 'cancelled', error: 'stopped by admin' });
  });

  it('re-queues the jobs a dead process left running, releasing their claim', async () => {
    await t.db.query('DELETE FROM jobs');
    const kind = aKind();
    const a = await aJob(kind);
    const b = await aJob(kind);
    const queued = await aJob(kind);
    await createdAt(queued, '2030-01-01T00:00:00Z');
    await repos.jobs.claim('dead-worker', [kind]);
    await repos.jobs.claim('dead-worker', [kind]);
    const finished = await aJob();
    await repos.jobs.complete(finished.id);
    expect(await repos.jobs.requeueInterrupted()).toBe(2);
    for (const job of [a, b]) {
      expect((await repos.jobs.get(job.id))?.state).toBe('queued');
      expect(await claimedBy(job)).toBeNull();
    }
    expect((await repos.jobs.get(finished.id))?.state).toBe('succeeded');
    expect(await repos.jobs.requeueInterrupted()).toBe(0);
  });

  it('lists the newest jobs first, up to first, filtered by states and kind', async () => {
    const kind = aKind();
    const jobs = [await aJob(kind), await aJob(kind), await aJob(kind)];
    for (const [i, job] of jobs.entries()) await createdAt(job, `202${i}-01-01T00:00:00Z`);
    await repos.jobs.fail(jobs[1]!.id, 'boom');
    await aJob();
    const ids = (list: JobRecord[]) => list.map((j) => jobs.findIndex((x) => x.id === j.id));
    expect(ids(await repos.jobs.list({ first: 10, kind }))).toEqual([2, 1, 0]);
    expect(ids(await repos.jobs.list({ first: 2, kind }))).toEqual([2, 1]);
    expect(ids(await repos.jobs.list({ first: 10, kind, states: ['queued'] }))).toEqual([2, 0]);
    expect(ids(await repos.jobs.list({ first: 10, kind, states: ['failed', 'running'] }))).toEqual([1]);
    expect(await repos.jobs.list({ first: -1, kind })).toEqual([]);
    const all = await repos.jobs.list({ first: 1000 });
    expect(all.filter((j) => j.kind === kind)).toHaveLength(3);
    expect(all.some((j) => j.kind !== kind)).toBe(true);
  });
});
