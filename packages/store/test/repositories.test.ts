import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, hashToken, type Repositories } from '../src/index';
import { TEST_MODES, openTestDatabase, type TestDatabase } from './support/modes';

describe.each(TEST_MODES)('repositories (%s)', (mode) => {
  let t: TestDatabase;
  let repos: Repositories;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    repos = createRepositories(t.db);
  });
  afterAll(async () => t?.close());
  const aUser = (subject = randomUUID()) =>
    repos.users.upsertIdentity({ provider: 'test', subject, name: 'Ada', email: 'ada@example.org' });

  it('upserts users by provider subject', async () => {
    const subject = randomUUID();
    const a = await aUser(subject);
    const b = await repos.users.upsertIdentity({
      provider: 'test',
      subject,
      name: 'Ada L.',
      email: null,
      isAdmin: true,
    });
    expect(b.id).toBe(a.id);
    expect(b).toMatchObject({ name: 'Ada L.', email: null, isAdmin: true });
    const c = await repos.users.upsertIdentity({ provider: 'test', subject, name: 'Ada L.', email: null });
    expect(c.isAdmin).toBe(true);
    expect((await repos.users.get([a.id, 'not-a-uuid', randomUUID()])).map((u) => u.id)).toEqual([a.id]);
    expect((await repos.users.findByIdentity('test', subject))?.id).toBe(a.id);
  });

  it('has a default workspace and manages membership', async () => {
    expect(await repos.workspaces.get(1)).toEqual({ id: 1, slug: 'default', name: 'Default' });
    const slug = `ws-${randomUUID().slice(0, 8)}`;
    const ws = await repos.workspaces.ensure(slug, 'Team');
    expect((await repos.workspaces.ensure(slug, 'Other')).id).toBe(ws.id);
    expect((await repos.workspaces.bySlug(slug))?.id).toBe(ws.id);
    await expect(repos.workspaces.ensure('Bad Slug', 'x')).rejects.toBeInstanceOf(ValidationError);
    const user = await aUser();
    await repos.workspaces.addMember(ws.id, user.id, 'member');
    await repos.workspaces.addMember(ws.id, user.id, 'admin');
    expect(await repos.workspaces.membershipsOf(user.id)).toEqual([
      { workspace: { id: ws.id, slug, name: 'Team' }, role: 'admin' },
    ]);
    expect(await repos.workspaces.removeMember(ws.id, user.id)).toBe(true);
    expect(await repos.workspaces.membershipsOf(user.id)).toEqual([]);
    await expect(repos.workspaces.addMember(ws.id, randomUUID(), 'member')).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await repos.workspaces.list()).some((w) => w.id === ws.id)).toBe(true);
  });

  it('creates api tokens shown once, stored hashed, verifiable until revoked', async () => {
    const user = await aUser();
    const { token, secret } = await repos.apiTokens.create({ userId: user.id, name: 'ci', admin: true });
    expect(secret).toMatch(/^rgpt_/);
    const stored = await t.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM api_tokens WHERE id = $1',
      [token.id],
    );
    expect(stored[0]?.token_hash).toBe(hashToken(secret));
    expect(stored[0]?.token_hash).not.toContain(secret);
    const verified = await repos.apiTokens.verify(secret);
    expect(verified).toMatchObject({ id: token.id, admin: true, userId: user.id });
    expect(verified?.lastUsedAt).toBeInstanceOf(Date);
    expect(await repos.apiTokens.verify(`${secret}x`)).toBeNull();
    expect((await repos.apiTokens.list(user.id)).map((x) => x.id)).toEqual([token.id]);
    expect(await repos.apiTokens.revoke(token.id)).toBe(true);
    expect(await repos.apiTokens.revoke(token.id)).toBe(false);
    expect(await repos.apiTokens.verify(secret)).toBeNull();
    await expect(
      repos.apiTokens.createHashed({
        userId: user.id,
        name: 'dup',
        hash: hashToken(secret),
        prefix: 'rgpt_x',
        admin: false,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('stores conversations, messages and resumable message events', async () => {
    const user = await aUser();
    const conv = await repos.conversations.create({ userId: user.id, workspaceId: 1, title: 'Planets' });
    const q = await repos.messages.create({
      conversationId: conv.id,
      userId: user.id,
      role: 'user',
      content: 'What orbits Earth?',
      status: 'complete',
    });
    const a = await repos.messages.create({
      conversationId: conv.id,
      userId: user.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
    });
    const runId = randomUUID();
    await t.db.query(
      `INSERT INTO reasoning_runs (id, workspace_id, question, status, workflow_version, started_at) VALUES ($1, 1, 'q', 'running', 'v1', now())`,
      [runId],
    );
    const updated = await repos.messages.update(a.id, { content: 'The Moon', status: 'complete', runId });
    expect(updated).toMatchObject({ content: 'The Moon', status: 'complete', runId });
    expect((await repos.messages.update(a.id, { status: 'error' })).runId).toBe(runId);
    expect((await repos.messages.listByConversations([conv.id])).map((m) => m.id)).toEqual([q.id, a.id]);
    expect((await repos.messages.get([a.id]))[0]?.content).toBe('The Moon');
    await expect(repos.messages.update(randomUUID(), { status: 'complete' })).rejects.toBeInstanceOf(
      NotFoundError,
    );

    await repos.messageEvents.append(a.id, [
      { seq: 0, kind: 'token', payload: { text: 'The' } },
      { seq: 1, kind: 'token', payload: { text: ' Moon' } },
      { seq: 2, kind: 'done', payload: null },
    ]);
    await repos.messageEvents.append(a.id, [{ seq: 1, kind: 'token', payload: { text: 'dup' } }]);
    expect(await repos.messageEvents.list(a.id, 0)).toEqual([
      { seq: 1, kind: 'token', payload: { text: ' Moon' } },
      { seq: 2, kind: 'done', payload: null },
    ]);
    expect(await repos.messageEvents.list(a.id)).toHaveLength(3);

    const page = await repos.conversations.listByUser(user.id, { first: 1 });
    expect(page).toMatchObject({ items: [{ id: conv.id, title: 'Planets' }], hasNextPage: false });
    expect((await repos.conversations.rename(conv.id, 'Moons')).title).toBe('Moons');
    expect(await repos.conversations.delete(conv.id)).toBe(true);
    expect(await repos.messages.get([q.id])).toEqual([]);
    await expect(
      repos.conversations.create({ userId: randomUUID(), workspaceId: 1, title: 'x' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('runs lifecycle jobs: create, claim once, progress, complete or fail', async () => {
    const kind = `reembed-${randomUUID().slice(0, 6)}`;
    const job = await repos.jobs.create({ kind, total: 10, payload: { model: 'm' } });
    expect(job).toMatchObject({ state: 'queued', progress: 0, total: 10, payload: { model: 'm' } });
    const claimed = await repos.jobs.claim('worker-1', [kind]);
    expect(claimed?.id).toBe(job.id);
    expect(claimed?.state).toBe('running');
    expect(await repos.jobs.claim('worker-2', [kind])).toBeNull();
    expect(await repos.jobs.progress(job.id, 5, 10, 'half')).toMatchObject({
      processed: 5,
      progress: 0.5,
      message: 'half',
    });
    const done = await repos.jobs.complete(job.id);
    expect(done).toMatchObject({ state: 'succeeded', progress: 1, message: 'half' });
    expect(done.finishedAt).toBeInstanceOf(Date);
    const other = await repos.jobs.create({ kind });
    expect((await repos.jobs.fail(other.id, 'boom')).error).toBe('boom');
    expect((await repos.jobs.list({ first: 10, kind })).map((j) => j.id).sort()).toEqual(
      [job.id, other.id].sort(),
    );
    expect((await repos.jobs.update(other.id, { message: null })).message).toBeNull();
    expect(await repos.jobs.get(randomUUID())).toBeNull();
  });

  it('queues embedding work resumably', async () => {
    const model = (
      await t.db.query<{ id: number }>(
        `INSERT INTO embedding_models (name, dims, file_hash) VALUES ($1, 2, 'h') RETURNING id`,
        [`q-${randomUUID()}`],
      )
    )[0]!.id;
    expect(
      await repos.embeddingJobs.enqueue(model, 'entity', [
        { id: 1, contentHash: 'a' },
        { id: 2, contentHash: 'b' },
      ]),
    ).toBe(2);
    const batch = await repos.embeddingJobs.claim(model, 1);
    expect(batch.map((j) => j.targetId)).toEqual([1]);
    expect(await repos.embeddingJobs.resume(model)).toBe(1);
    const all = await repos.embeddingJobs.claim(model, 10);
    expect(all).toHaveLength(2);
    await repos.embeddingJobs.markDone(all.map((j) => j.id));
    expect(await repos.embeddingJobs.enqueue(model, 'entity', [{ id: 1, contentHash: 'a' }])).toBe(0);
    expect(await repos.embeddingJobs.enqueue(model, 'entity', [{ id: 1, contentHash: 'changed' }])).toBe(1);
    expect(await repos.embeddingJobs.counts(model)).toEqual({ queued: 1, running: 0, done: 1, failed: 0 });
  });
});
