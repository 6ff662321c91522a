import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../src/index';
import { openTestDatabase, type TestDatabase } from './support/modes';

// Stream events as a reconnecting client sees them: events come back in seq order with their
// payload as sent, a client resumes after the last seq it saw, a repeated seq keeps the first
// event, and each message has its own stream. One embedded database; each test streams into
// messages of its own.
describe('message event repository (embedded)', () => {
  let t: TestDatabase;
  let repos: Repositories;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    repos = createRepositories(t.db);
  }, 60_000);
  afterAll(async () => t?.close());

  const aStreamingMessage = async () => {
    const user = await repos.users.upsertIdentity({
      provider: 'test',
      subject: randomUUID(),
      name: null,
      email: null,
    });
    const conv = await repos.conversations.create({ userId: user.id, workspaceId: 1, title: 'Stream' });
    return (
      await repos.messages.create({
        conversationId: conv.id,
        userId: user.id,
        role: 'assistant',
        content: '',
        status: 'streaming',
      })
    ).id;
  };

  it('returns every event from seq 0 on, in seq order, with payloads as sent', async () => {
    const id = await aStreamingMessage();
    await repos.messageEvents.append(id, [
      { seq: 2, kind: 'done', payload: null },
      { seq: 0, kind: 'token', payload: { text: 'The' } },
      { seq: 1, kind: 'token', payload: 'Moon' },
      { seq: 3, kind: 'usage', payload: [1, 2.5, true] },
    ]);
    expect(await repos.messageEvents.list(id)).toEqual([
      { seq: 0, kind: 'token', payload: { text: 'The' } },
      { seq: 1, kind: 'token', payload: 'Moon' },
      { seq: 2, kind: 'done', payload: null },
      { seq: 3, kind: 'usage', payload: [1, 2.5, true] },
    ]);
  });

  it('stores a missing payload as null', async () => {
    const id = await aStreamingMessage();
    await repos.messageEvents.append(id, [{ seq: 0, kind: 'ping', payload: undefined }]);
    expect(await repos.messageEvents.list(id)).toEqual([{ seq: 0, kind: 'ping', payload: null }]);
  });

  it('resumes after a seq and honours a limit', async () => {
    const id = await aStreamingMessage();
    await repos.messageEvents.append(
      id,
      [0, 1, 2, 3, 4].map((seq) => ({ seq, kind: 'token', payload: { seq } })),
    );
    expect((await repos.messageEvents.list(id, 2)).map((e) => e.seq)).toEqual([3, 4]);
    expect((await repos.messageEvents.list(id, 4)).map((e) => e.seq)).toEqual([]);
    expect((await repos.messageEvents.list(id, -1, 2)).map((e) => e.seq)).toEqual([0, 1]);
    expect((await repos.messageEvents.list(id, 0, 3)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('keeps the first event of a repeated seq and adds the new ones of the same batch', async () => {
    const id = await aStreamingMessage();
    await repos.messageEvents.append(id, [{ seq: 0, kind: 'token', payload: { text: 'first' } }]);
    await repos.messageEvents.append(id, [
      { seq: 0, kind: 'token', payload: { text: 'again' } },
      { seq: 1, kind: 'done', payload: null },
    ]);
    await repos.messageEvents.append(id, []);
    expect(await repos.messageEvents.list(id)).toEqual([
      { seq: 0, kind: 'token', payload: { text: 'first' } },
      { seq: 1, kind: 'done', payload: null },
    ]);
  });

  it("keeps each message's stream apart and has none for an unknown or malformed id", async () => {
    const a = await aStreamingMessage();
    const b = await aStreamingMessage();
    await repos.messageEvents.append(a, [{ seq: 0, kind: 'token', payload: 'a' }]);
    await repos.messageEvents.append(b, [{ seq: 0, kind: 'token', payload: 'b' }]);
    expect(await repos.messageEvents.list(b)).toEqual([{ seq: 0, kind: 'token', payload: 'b' }]);
    expect(await repos.messageEvents.list(randomUUID())).toEqual([]);
    expect(await repos.messageEvents.list('nope')).toEqual([]);
  });
});
