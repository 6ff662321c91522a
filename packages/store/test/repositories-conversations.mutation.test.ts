import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRepositories,
  type ConversationRecord,
  type MessageRecord,
  type Repositories,
} from '../src/index';
import { openTestDatabase, type TestDatabase } from './support/modes';

// Conversations and their messages as a chat user sees them: every field comes back as written,
// the conversation list is per user (and workspace), most recently active first and paged, a new
// message or a rename moves a conversation up, assistant messages are patched while they stream,
// deleting a conversation deletes its messages. One embedded database; each test signs in a user
// of its own.
describe('conversation and message repositories (embedded)', () => {
  let t: TestDatabase;
  let repos: Repositories;
  let otherWorkspace: number;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    repos = createRepositories(t.db);
    otherWorkspace = (await repos.workspaces.ensure(`conv-${randomUUID().slice(0, 8)}`, 'Other')).id;
  }, 60_000);
  afterAll(async () => t?.close());

  const aUser = async () =>
    (await repos.users.upsertIdentity({ provider: 'test', subject: randomUUID(), name: 'Ada', email: null }))
      .id;
  const aConversation = (userId: string, title = 'Planets', workspaceId = 1) =>
    repos.conversations.create({ userId, workspaceId, title });
  const aMessage = (conversation: ConversationRecord, overrides: Partial<MessageRecord> = {}) =>
    repos.messages.create({
      conversationId: conversation.id,
      userId: conversation.userId,
      role: overrides.role ?? 'user',
      content: overrides.content ?? 'What orbits Earth?',
      status: overrides.status ?? 'complete',
    });
  /** Sets a conversation's last activity (orders lists without depending on the clock). */
  const activeAt = (id: string, iso: string) =>
    t.db.query('UPDATE conversations SET updated_at = $2 WHERE id = $1', [id, iso]);
  const aRun = async () => {
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO reasoning_runs (id, workspace_id, question, status, workflow_version, started_at)
       VALUES ($1, 1, 'q', 'running', 'v1', now())`,
      [id],
    );
    return id;
  };

  describe('conversations', () => {
    it('starts a conversation with every field set', async () => {
      const userId = await aUser();
      const conv = await aConversation(userId, 'Moons', otherWorkspace);
      expect(conv).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        userId,
        workspaceId: otherWorkspace,
        title: 'Moons',
        createdAt: expect.any(Date),
        updatedAt: expect.any(Date),
      });
      expect(typeof conv.workspaceId).toBe('number');
    });

    it('loads conversations by id in the order asked, leaving out unknown and malformed ids', async () => {
      const userId = await aUser();
      const a = await aConversation(userId, 'A');
      const b = await aConversation(userId, 'B');
      expect(await repos.conversations.get([b.id, 'nope', randomUUID(), a.id])).toEqual([b, a]);
      expect(await repos.conversations.get(['nope'])).toEqual([]);
    });

    it("lists only the user's conversations, most recently active first", async () => {
      const userId = await aUser();
      const old = await aConversation(userId, 'old');
      const recent = await aConversation(userId, 'recent');
      await aConversation(await aUser(), 'someone else');
      await activeAt(old.id, '2020-01-01T00:00:00Z');
      await activeAt(recent.id, '2021-01-01T00:00:00Z');
      const page = await repos.conversations.listByUser(userId, { first: 10 });
      expect(page.items.map((c) => c.title)).toEqual(['recent', 'old']);
      expect(page.hasNextPage).toBe(false);
    });

    it('pages with first and offset and says whether more follow', async () => {
      const userId = await aUser();
      const titles = ['c3', 'c2', 'c1'];
      for (const [i, title] of titles.entries()) {
        const conv = await aConversation(userId, title);
        await activeAt(conv.id, `202${3 - i}-01-01T00:00:00Z`);
      }
      const list = (first: number, offset?: number) =>
        repos.conversations.listByUser(userId, { first, ...(offset === undefined ? {} : { offset }) });
      const firstTwo = await list(2);
      expect(firstTwo.items.map((c) => c.title)).toEqual(['c3', 'c2']);
      expect(firstTwo.hasNextPage).toBe(true);
      const rest = await list(2, 2);
      expect(rest).toMatchObject({ items: [{ title: 'c1' }], hasNextPage: false });
      expect((await list(3)).hasNextPage).toBe(false);
      expect((await list(1, 1)).items.map((c) => c.title)).toEqual(['c2']);
      expect((await list(1, -5)).items.map((c) => c.title)).toEqual(['c3']);
      expect(await list(-1)).toEqual({ items: [], hasNextPage: true });
    });

    it('filters the list by workspace and returns nothing for a malformed user id', async () => {
      const userId = await aUser();
      await aConversation(userId, 'default');
      await aConversation(userId, 'other', otherWorkspace);
      const inOther = await repos.conversations.listByUser(userId, {
        first: 10,
        workspaceId: otherWorkspace,
      });
      expect(inOther.items.map((c) => c.title)).toEqual(['other']);
      expect((await repos.conversations.listByUser(userId, { first: 10 })).items).toHaveLength(2);
      expect(await repos.conversations.listByUser('nope', { first: 10 })).toEqual({
        items: [],
        hasNextPage: false,
      });
    });

    it('renames a conversation and moves it to the top of the list', async () => {
      const userId = await aUser();
      const renamed = await aConversation(userId, 'Planets');
      const other = await aConversation(userId, 'Other');
      await activeAt(renamed.id, '2020-01-01T00:00:00Z');
      await activeAt(other.id, '2021-01-01T00:00:00Z');
      const after = await repos.conversations.rename(renamed.id, 'Moons');
      expect(after).toMatchObject({ id: renamed.id, title: 'Moons', createdAt: renamed.createdAt });
      expect(after.updatedAt.getTime()).toBeGreaterThan(new Date('2021-01-01T00:00:00Z').getTime());
      const page = await repos.conversations.listByUser(userId, { first: 10 });
      expect(page.items.map((c) => c.title)).toEqual(['Moons', 'Other']);
    });

    it('refuses to rename an unknown or malformed conversation', async () => {
      for (const id of [randomUUID(), 'nope']) {
        const error = await repos.conversations.rename(id, 'x').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NotFoundError);
        expect((error as NotFoundError).message).toBe(`conversation ${id} not found`);
      }
    });

    it('deletes a conversation with its messages; false for an unknown or malformed id', async () => {
      const conv = await aConversation(await aUser());
      const kept = await aConversation(conv.userId, 'kept');
      const message = await aMessage(conv);
      const keptMessage = await aMessage(kept);
      const [keptNow] = await repos.conversations.get([kept.id]);
      expect(await repos.conversations.delete(conv.id)).toBe(true);
      expect(await repos.conversations.get([conv.id, kept.id])).toEqual([keptNow]);
      expect(await repos.messages.get([message.id, keptMessage.id])).toEqual([keptMessage]);
      expect(await repos.conversations.delete(conv.id)).toBe(false);
      expect(await repos.conversations.delete('nope')).toBe(false);
    });
  });

  describe('messages', () => {
    it('adds a message with every field set and moves its conversation to the top', async () => {
      const userId = await aUser();
      const quiet = await aConversation(userId, 'quiet');
      const busy = await aConversation(userId, 'busy');
      await activeAt(quiet.id, '2020-01-01T00:00:00Z');
      await activeAt(busy.id, '2021-01-01T00:00:00Z');
      const message = await aMessage(quiet, { role: 'assistant', content: '', status: 'streaming' });
      expect(message).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        conversationId: quiet.id,
        userId,
        role: 'assistant',
        content: '',
        status: 'streaming',
        runId: null,
        createdAt: expect.any(Date),
        updatedAt: expect.any(Date),
      });
      const page = await repos.conversations.listByUser(userId, { first: 10 });
      expect(page.items.map((c) => c.title)).toEqual(['quiet', 'busy']);
    });

    it('loads messages by id in the order asked, leaving out unknown and malformed ids', async () => {
      const conv = await aConversation(await aUser());
      const a = await aMessage(conv, { content: 'a' });
      const b = await aMessage(conv, { content: 'b' });
      expect(await repos.messages.get([b.id, 'nope', randomUUID(), a.id])).toEqual([b, a]);
      expect(await repos.messages.get(['nope'])).toEqual([]);
    });

    it('lists the messages of several conversations, each oldest first', async () => {
      const userId = await aUser();
      const one = await aConversation(userId, 'one');
      const two = await aConversation(userId, 'two');
      const q1 = await aMessage(one, { content: 'q1' });
      const q2 = await aMessage(two, { content: 'q2' });
      const a1 = await aMessage(one, { content: 'a1', role: 'assistant' });
      await t.db.query('UPDATE messages SET created_at = $2 WHERE id = $1', [q1.id, '2020-01-01T00:00:00Z']);
      await t.db.query('UPDATE messages SET created_at = $2 WHERE id = $1', [a1.id, '2020-01-02T00:00:00Z']);
      const listed = await repos.messages.listByConversations([one.id, 'nope', two.id]);
      const byConversation = (id: string) =>
        listed.filter((m) => m.conversationId === id).map((m) => m.content);
      expect(byConversation(one.id)).toEqual(['q1', 'a1']);
      expect(byConversation(two.id)).toEqual(['q2']);
      expect(listed).toHaveLength(3);
      expect(listed.find((m) => m.id === q2.id)).toEqual(q2);
      expect(await repos.messages.listByConversations(['nope'])).toEqual([]);
      expect(await repos.messages.listByConversations([randomUUID()])).toEqual([]);
    });

    it('patches content, status and run of a streaming answer; fields left out keep their value', async () => {
      const conv = await aConversation(await aUser());
      const answer = await aMessage(conv, { role: 'assistant', content: '', status: 'streaming' });
      const runId = await aRun();
      const done = await repos.messages.update(answer.id, { content: 'The Moon', status: 'complete', runId });
      expect(done).toEqual({
        ...answer,
        content: 'The Moon',
        status: 'complete',
        runId,
        updatedAt: expect.any(Date),
      });
      expect(await repos.messages.update(answer.id, { status: 'error' })).toMatchObject({
        content: 'The Moon',
        status: 'error',
        runId,
      });
      expect(await repos.messages.update(answer.id, { content: '' })).toMatchObject({
        content: '',
        status: 'error',
        runId,
      });
      expect(await repos.messages.update(answer.id, { runId: null })).toMatchObject({ runId: null });
      expect(await repos.messages.get([answer.id])).toEqual([
        expect.objectContaining({ content: '', status: 'error', runId: null }),
      ]);
    });

    it('refuses to patch an unknown or malformed message', async () => {
      for (const id of [randomUUID(), 'nope']) {
        const error = await repos.messages.update(id, { status: 'complete' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NotFoundError);
        expect((error as NotFoundError).message).toBe(`message ${id} not found`);
      }
    });
  });
});
