import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aKnowledgeBase } from './support/knowledge-builder';
import { askInNewConversation, streamStoppingAtFirstToken } from './support/conversations';
import { startTestApi, type TestApi } from './support/harness';
import { pacedEchoGenerator } from './support/paced-generator';
import {
  collect,
  controlsOf,
  MESSAGE_STREAM,
  sseClient,
  tokensOf,
  wsClient,
  type StreamEventView,
} from './support/streams';

let t: TestApi;
/** The same API with a chat model that streams slowly, so a test can act mid-stream. */
let slow: TestApi;
let token: string;
let conversationId: string;

const SEND =
  'mutation ($c: ID!, $q: String!) { sendMessage(conversationId: $c, content: $q) { id status role } }';
const QUESTION = 'What is the capital of France?';

beforeAll(async () => {
  t = await startTestApi({
    bundle: aKnowledgeBase()
      .withCountry('France', { capital: 'Paris', population: 68_000_000 })
      .withCountry('Peru', { capital: 'Lima' })
      .build(),
  });
  token = await t.signIn({ sub: 'streamer' });
  const created = await t.gql<{ createConversation: { id: string } }>(
    'mutation { createConversation(title: "t") { id } }',
    {},
    { token },
  );
  conversationId = created.data!.createConversation.id;
  slow = await startTestApi({
    bundle: aKnowledgeBase().withCountry('France', { capital: 'Paris', population: 68_000_000 }).build(),
    engineParts: (parts) => ({ ...parts, generator: pacedEchoGenerator(25) }),
  });
});
afterAll(async () => {
  await t?.close();
  await slow?.close();
});

async function send(question = QUESTION): Promise<string> {
  const result = await t.gql<{ sendMessage: { id: string; status: string; role: string } }>(
    SEND,
    { c: conversationId, q: question },
    { token },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data!.sendMessage).toMatchObject({ status: 'STREAMING', role: 'ASSISTANT' });
  return result.data!.sendMessage.id;
}

function expectWellFormed(events: StreamEventView[]): void {
  const controls = controlsOf(events);
  expect(controls[0]).toBe('THINKING');
  expect(controls.at(-1)).toBe('COMPLETE');
  const tokens = tokensOf(events);
  expect(tokens.length).toBeGreaterThan(0);
  expect(tokens.map((x) => x.index)).toEqual(tokens.map((_, i) => i));
  const metadata = events.find((e) => e.__typename === 'MetadataEvent');
  expect(metadata?.tokenCount).toBe(tokens.length);
  expect(metadata?.modelName).toBeTruthy();
  const seqs = events.map((e) => e.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(new Set(seqs).size).toBe(seqs.length);
}

async function messageContent(id: string): Promise<{ content: string; status: string }> {
  const r = await t.gql<{ node: { content: string; status: string } }>(
    'query ($id: ID!) { node(id: $id) { ... on Message { content status } } }',
    { id },
    { token },
  );
  return r.data!.node;
}

describe('message streaming end to end', () => {
  it('streams THINKING, ordered tokens, metadata and COMPLETE over graphql-ws', async () => {
    const client = wsClient(t.wsUrl, token);
    try {
      const id = await send();
      const events = await collect(client.iterate({ query: MESSAGE_STREAM, variables: { id } }));
      expectWellFormed(events);
      const answer = tokensOf(events)
        .map((x) => x.content)
        .join('');
      expect(answer).toContain('Paris');
      expect(await messageContent(id)).toEqual({ content: answer, status: 'COMPLETE' });
    } finally {
      await client.dispose();
    }
  });

  it('streams the same events over SSE (graphql-sse client)', async () => {
    const client = sseClient(t.sseUrl, token);
    try {
      const id = await send();
      const events = await collect(client.iterate({ query: MESSAGE_STREAM, variables: { id } }));
      expectWellFormed(events);
      expect(
        tokensOf(events)
          .map((x) => x.content)
          .join(''),
      ).toContain('Paris');
    } finally {
      client.dispose();
    }
  });

  it('links the answer to its reasoning trace', async () => {
    const client = wsClient(t.wsUrl, token);
    const id = await send();
    await collect(client.iterate({ query: MESSAGE_STREAM, variables: { id } }));
    await client.dispose();
    const r = await t.gql<{ node: { run: { status: string; steps: { node: string }[] } | null } }>(
      'query ($id: ID!) { node(id: $id) { ... on Message { run { status steps { node durationMs } } } } }',
      { id },
      { token },
    );
    expect(r.data!.node.run?.status).toBe('COMPLETE');
    expect(r.data!.node.run?.steps.length).toBeGreaterThan(1);
  });

  it("keeps the answer's citations on the stored message, the same entities the live answer cites", async () => {
    const client = wsClient(t.wsUrl, token);
    const id = await send();
    await collect(client.iterate({ query: MESSAGE_STREAM, variables: { id } }));
    await client.dispose();
    type CitationView = { kind: string; label: string; uri: string | null; entity: { name: string } | null };
    const r = await t.gql<{ node: { citations: CitationView[] } }>(
      'query ($id: ID!) { node(id: $id) { ... on Message { citations { kind label uri entity { name } } } } }',
      { id },
      { token },
    );
    expect(r.errors).toBeUndefined();
    const citations = r.data!.node.citations;
    expect(citations.map((c) => c.label)).toContain('France');
    for (const c of citations.filter((x) => x.kind === 'ENTITY')) expect(c.entity?.name).toBe(c.label);
    const asked = await t.gql<{ ask: { citations: { kind: string; label: string }[] } }>(
      'mutation ($q: String!) { ask(question: $q) { citations { kind label } } }',
      { q: QUESTION },
      { token },
    );
    const liveEntities = asked.data!.ask.citations.filter((c) => c.kind === 'ENTITY').map((c) => c.label);
    const storedEntities = citations.filter((c) => c.kind === 'ENTITY').map((c) => c.label);
    expect([...storedEntities].sort()).toEqual([...liveEntities].sort());
    // Every message of the conversation resolves its citations in one query (user messages: none).
    const all = await t.gql<{
      conversation: { messages: { edges: { node: { role: string; citations: unknown[] } }[] } };
    }>(
      'query ($c: ID!) { conversation(id: $c) { messages(first: 50) { edges { node { role citations { label } } } } } }',
      { c: conversationId },
      { token },
    );
    expect(all.errors).toBeUndefined();
    const nodes = all.data!.conversation.messages.edges.map((e) => e.node);
    expect(nodes.filter((n) => n.role === 'USER').every((n) => n.citations.length === 0)).toBe(true);
    expect(nodes.some((n) => n.role === 'ASSISTANT' && n.citations.length > 0)).toBe(true);
  });

  it('resumes with `after` without losing or duplicating tokens', async () => {
    const id = await send();
    const first = wsClient(t.wsUrl, token);
    const head = await collect(first.iterate({ query: MESSAGE_STREAM, variables: { id } }), {
      stopAfter: (events) => tokensOf(events).length >= 2,
    });
    await first.dispose();
    const lastIndex = tokensOf(head).at(-1)!.index;
    const second = sseClient(t.sseUrl, token);
    const tail = await collect(
      second.iterate({ query: MESSAGE_STREAM, variables: { id, after: lastIndex } }),
    );
    second.dispose();
    const all = [...tokensOf(head), ...tokensOf(tail)];
    expect(all.map((x) => x.index)).toEqual(all.map((_, i) => i));
    expect(controlsOf(tail).at(-1)).toBe('COMPLETE');
    expect(all.map((x) => x.content).join('')).toBe((await messageContent(id)).content);
  });

  it('replays a finished message to a late subscriber', async () => {
    const id = await send();
    const c1 = wsClient(t.wsUrl, token);
    const live = await collect(c1.iterate({ query: MESSAGE_STREAM, variables: { id } }));
    const replay = await collect(c1.iterate({ query: MESSAGE_STREAM, variables: { id } }));
    await c1.dispose();
    expect(replay).toEqual(live);
  });

  it('cancelMessage mid-stream ends the stream with INTERRUPTED', async () => {
    const slowToken = await slow.signIn({ sub: 'canceller' });
    const id = await askInNewConversation(slow, slowToken, QUESTION);
    const { events, cancel } = await streamStoppingAtFirstToken(slow, slowToken, id);
    expect(cancel.errors).toBeUndefined();
    expect(cancel.data!.cancelMessage.status).toBe('CANCELLED');
    expect(tokensOf(events).length).toBeGreaterThan(0);
    expect(controlsOf(events)).toEqual(['THINKING', 'INTERRUPTED']);
    const stored = await slow.gql<{ node: { status: string; content: string } }>(
      'query ($id: ID!) { node(id: $id) { ... on Message { status content } } }',
      { id },
      { token: slowToken },
    );
    expect(stored.data!.node.status).toBe('CANCELLED');
    expect(stored.data!.node.content).toBe(
      tokensOf(events)
        .map((x) => x.content)
        .join(''),
    );
  });

  it('answers one-shot questions with citations and a run', async () => {
    const r = await t.gql<{
      ask: { answer: string; citations: { kind: string; label: string }[]; run: { status: string } };
    }>(
      'mutation { ask(question: "What is the capital of Peru?") { answer citations { kind label } run { status } } }',
      {},
      { token },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.ask.answer).toContain('Lima');
    expect(r.data!.ask.run.status).toBe('COMPLETE');
  });

  it('drains running answers on graceful shutdown: subscribers still get COMPLETE', async () => {
    const slowToken = await slow.signIn({ sub: 'draining' });
    const id = await askInNewConversation(slow, slowToken, QUESTION);
    const client = wsClient(slow.wsUrl, slowToken);
    const events: StreamEventView[] = [];
    let closing: Promise<void> | null = null;
    for await (const result of client.iterate({
      query: MESSAGE_STREAM,
      variables: { id },
    })) {
      const event = (result.data as { messageStream: StreamEventView }).messageStream;
      events.push(event);
      // Stop the server while the answer is still streaming.
      if (!closing && event.__typename === 'TokenEvent') closing = slow.close();
    }
    await closing;
    await client.dispose();
    expect(closing).not.toBeNull();
    expect(controlsOf(events)).toEqual(['THINKING', 'COMPLETE']);
    const tokens = tokensOf(events);
    expect(tokens.map((x) => x.index)).toEqual(tokens.map((_, i) => i));
    await expect(fetch(slow.url, { method: 'POST' })).rejects.toThrow();
  });
});
