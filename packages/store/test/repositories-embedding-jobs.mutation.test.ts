import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../src/index';
import { openTestDatabase, type TestDatabase } from './support/modes';

// The embedding queue as the indexer sees it: targets are queued once, re-queued only when their
// content changed or their last attempt failed, claimed in batches per model in id order,
// marked done or failed, resumed after a crash, and counted per state. One embedded database;
// each test registers an embedding model of its own.
describe('embedding job repository (embedded)', () => {
  let t: TestDatabase;
  let repos: Repositories;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    repos = createRepositories(t.db);
  }, 60_000);
  afterAll(async () => t?.close());

  const aModel = async (): Promise<number> => {
    const rows = await t.db.query<{ id: number }>(
      `INSERT INTO embedding_models (name, dims, file_hash) VALUES ($1, 2, 'h') RETURNING id`,
      [`model-${randomUUID()}`],
    );
    return Number(rows[0]!.id);
  };
  const errorsOf = async (model: number) =>
    (
      await t.db.query<{ target_id: number; error: string | null }>(
        'SELECT target_id, error FROM embedding_jobs WHERE model_id = $1 ORDER BY target_id',
        [model],
      )
    ).map((r) => [Number(r.target_id), r.error]);

  it('queues new targets once and reports how many were queued', async () => {
    const model = await aModel();
    expect(await repos.embeddingJobs.enqueue(model, 'entity', [])).toBe(0);
    expect(
      await repos.embeddingJobs.enqueue(model, 'entity', [
        { id: 1, contentHash: 'a' },
        { id: 2, contentHash: null },
      ]),
    ).toBe(2);
    expect(await repos.embeddingJobs.enqueue(model, 'entity', [{ id: 1, contentHash: 'changed' }])).toBe(0);
    expect(await repos.embeddingJobs.counts(model)).toEqual({ queued: 2, running: 0, done: 0, failed: 0 });
  });

  it('queues a target listed twice in one call once, with its last content hash', async () => {
    const model = await aModel();
    expect(
      await repos.embeddingJobs.enqueue(model, 'entity', [
        { id: 5, contentHash: 'old' },
        { id: 6, contentHash: 'x' },
        { id: 5, contentHash: 'new' },
      ]),
    ).toBe(2);
    const claimed = await repos.embeddingJobs.claim(model, 10);
    expect(claimed.map((j) => [j.targetId, j.contentHash])).toEqual([
      [5, 'new'],
      [6, 'x'],
    ]);
  });

  it('claims queued jobs in id order up to the limit, counting the attempt', async () => {
    const model = await aModel();
    await repos.embeddingJobs.enqueue(model, 'chunk', [
      { id: 30, contentHash: 'c' },
      { id: 10, contentHash: 'a' },
      { id: 20, contentHash: null },
    ]);
    const batch = await repos.embeddingJobs.claim(model, 2);
    expect(batch).toEqual([
      {
        id: expect.any(Number),
        modelId: model,
        targetKind: 'chunk',
        targetId: 30,
        contentHash: 'c',
        attempts: 1,
      },
      {
        id: expect.any(Number),
        modelId: model,
        targetKind: 'chunk',
        targetId: 10,
        contentHash: 'a',
        attempts: 1,
      },
    ]);
    expect(batch[0]!.id).toBeLessThan(batch[1]!.id);
    const rest = await repos.embeddingJobs.claim(model, 10);
    expect(rest.map((j) => [j.targetId, j.contentHash])).toEqual([[20, null]]);
    expect(await repos.embeddingJobs.claim(model, 10)).toEqual([]);
    expect(await repos.embeddingJobs.counts(model)).toEqual({ queued: 0, running: 3, done: 0, failed: 0 });
  });

  it('returns a claimed batch in job-id order, also after earlier jobs were failed and re-queued', async () => {
    const model = await aModel();
    await repos.embeddingJobs.enqueue(model, 'entity', [
      { id: 1, contentHash: 'a' },
      { id: 2, contentHash: 'b' },
      { id: 3, contentHash: 'c' },
    ]);
    const [first, second] = await repos.embeddingJobs.claim(model, 2);
    await repos.embeddingJobs.markFailed([first!.id, second!.id], 'flaky');
    await repos.embeddingJobs.enqueue(model, 'entity', [
      { id: 2, contentHash: 'b' },
      { id: 1, contentHash: 'a' },
    ]);
    const batch = await repos.embeddingJobs.claim(model, 10);
    expect(batch.map((j) => j.targetId)).toEqual([1, 2, 3]);
    expect(batch.map((j) => j.attempts)).toEqual([1, 1, 1]);
  });

  it('claims at least one job for a limit below one', async () => {
    const model = await aModel();
    await repos.embeddingJobs.enqueue(model, 'entity', [
      { id: 1, contentHash: 'a' },
      { id: 2, contentHash: 'b' },
    ]);
    expect((await repos.embeddingJobs.claim(model, 0)).map((j) => j.targetId)).toEqual([1]);
  });

  it("claims only its own model's jobs and keeps entity and chunk targets apart", async () => {
    const model = await aModel();
    const other = await aModel();
    await repos.embeddingJobs.enqueue(model, 'entity', [{ id: 7, contentHash: 'e' }]);
    expect(await repos.embeddingJobs.enqueue(model, 'chunk', [{ id: 7, contentHash: 'c' }])).toBe(1);
    await repos.embeddingJobs.enqueue(other, 'entity', [{ id: 7, contentHash: 'e' }]);
    const claimed = await repos.embeddingJobs.claim(model, 10);
    expect(claimed.map((j) => [j.targetKind, j.targetId])).toEqual([
      ['entity', 7],
      ['chunk', 7],
    ]);
    expect(await repos.embeddingJobs.counts(other)).toEqual({ queued: 1, running: 0, done: 0, failed: 0 });
  });

  it('re-queues a done target only when its content hash changed, with a fresh attempt count', async () => {
    const model = await aModel();
    await repos.embeddingJobs.enqueue(model, 'entity', [
      { id: 1, contentHash: 'a' },
      { id: 2, contentHash: null },
    ]);
    await repos.embeddingJobs.markDone((await repos.embeddingJobs.claim(model, 10)).map((j) => j.id));
    expect(await repos.embeddingJobs.counts(model)).toEqual({ queued: 0, running: 0, done: 2, failed: 0 });
    expect(
      await repos.embeddingJobs.enqueue(model, 'entity', [
        { id: 1, contentHash: 'a' },
        { id: 2, contentHash: null },
      ]),
    ).toBe(0);
    expect(
      await repos.embeddingJobs.enqueue(model, 'entity', [
        { id: 1, contentHash: 'b' },
        { id: 2, contentHash: 'now-hashed' },
      ]),
    ).toBe(2);
    const again = await repos.embeddingJobs.claim(model, 10);
    expect(again.map((j) => [j.targetId, j.contentHash, j.attempts])).toEqual([
      [1, 'b', 1],
      [2, 'now-hashed', 1],
    ]);
  });

  it('re-queues a running target whose content changed, but not one whose content is the same', async () => {
    const model = await aModel();
    await repos.embeddingJobs.enqueue(model, 'entity', [
      { id: 1, contentHash: 'a' },
      { id: 2, contentHash: 'b' },
    ]);
    await repos.embeddingJobs.claim(model, 10);
    expect(
      await repos.embeddingJobs.enqueue(model, 'entity', [
        { id: 1, contentHash: 'a' },
        { id: 2, contentHash: 'b2' },
      ]),
    ).toBe(1);
    expect(await repos.embeddingJobs.counts(model)).toEqual({ queued: 1, running: 1, done: 0, failed: 0 });
  });

  it('marks jobs failed with their error, and queues a failed target again even with the same content', async () => {
    const model = await aModel();
    await repos.embeddingJobs.enqueue(model, 'entity', [
      { id: 1, contentHash: 'a' },
      { id: 2, contentHash: 'b' },
    ]);
    const [first, second] = await repos.embeddingJobs.claim(model, 10);
    await repos.embeddingJobs.markFailed([first!.id], 'model crashed');
    await repos.embeddingJobs.markFailed([], 'ignored');
    expect(await repos.embeddingJobs.counts(model)).toEqual({ queued: 0, running: 1, done: 0, failed: 1 });
    expect(await errorsOf(model)).toEqual([
      [1, 'model crashed'],
      [2, null],
    ]);
    expect(await repos.embeddingJobs.enqueue(model, 'entity', [{ id: 1, contentHash: 'a' }])).toBe(1);
    expect(await errorsOf(model)).toEqual([
      [1, null],
      [2, null],
    ]);
    const retried = await repos.embeddingJobs.claim(model, 10);
    expect(retried.map((j) => [j.targetId, j.attempts])).toEqual([[1, 1]]);
    await repos.embeddingJobs.markDone([second!.id]);
    expect(await repos.embeddingJobs.counts(model)).toEqual({ queued: 0, running: 1, done: 1, failed: 0 });
  });

  it('clears the error of a job that is marked done after failing', async () => {
    const model = await aModel();
    await repos.embeddingJobs.enqueue(model, 'entity', [{ id: 1, contentHash: 'a' }]);
    const [job] = await repos.embeddingJobs.claim(model, 1);
    await repos.embeddingJobs.markFailed([job!.id], 'timeout');
    await repos.embeddingJobs.markDone([job!.id]);
    await repos.embeddingJobs.markDone([]);
    expect(await errorsOf(model)).toEqual([[1, null]]);
    expect(await repos.embeddingJobs.counts(model)).toEqual({ queued: 0, running: 0, done: 1, failed: 0 });
  });

  it("resumes only its own model's running jobs after a crash, keeping their attempt count", async () => {
    const model = await aModel();
    const other = await aModel();
    await repos.embeddingJobs.enqueue(model, 'entity', [
      { id: 1, contentHash: 'a' },
      { id: 2, contentHash: 'b' },
      { id: 3, contentHash: 'c' },
    ]);
    await repos.embeddingJobs.enqueue(other, 'entity', [{ id: 1, contentHash: 'a' }]);
    const [done, ...running] = await repos.embeddingJobs.claim(model, 2);
    await repos.embeddingJobs.markDone([done!.id]);
    expect(running).toHaveLength(1);
    await repos.embeddingJobs.claim(other, 1);
    expect(await repos.embeddingJobs.resume(model)).toBe(1);
    expect(await repos.embeddingJobs.resume(model)).toBe(0);
    expect(await repos.embeddingJobs.counts(model)).toEqual({ queued: 2, running: 0, done: 1, failed: 0 });
    expect(await repos.embeddingJobs.counts(other)).toEqual({ queued: 0, running: 1, done: 0, failed: 0 });
    expect((await repos.embeddingJobs.claim(model, 10)).map((j) => [j.targetId, j.attempts])).toEqual([
      [2, 2],
      [3, 1],
    ]);
  });
});
