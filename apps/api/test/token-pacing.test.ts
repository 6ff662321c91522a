import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aKnowledgeBase } from './support/knowledge-builder';
import { askInNewConversation, streamStoppingAtFirstToken } from './support/conversations';
import { startTestApi, type TestApi } from './support/harness';
import { controlsOf, MESSAGE_STREAM, tokensOf, wsClient, type StreamEventView } from './support/streams';

// RUSTYGPT_STREAM_TOKEN_DELAY_MS paces the built-in (template) answer, which otherwise completes
// before a client can react, so a stop sent after the first token reaches a running answer.
let t: TestApi;
let token: string;
/** The unstopped answer, from the first test. */
let fullAnswer = '';

beforeAll(async () => {
  t = await startTestApi({
    bundle: aKnowledgeBase().withCountry('France', { capital: 'Paris', population: 68_000_000 }).build(),
    env: { RUSTYGPT_STREAM_TOKEN_DELAY_MS: '50' },
  });
  token = await t.signIn({ sub: 'pacer' });
});
afterAll(async () => {
  await t?.close();
});

describe('RUSTYGPT_STREAM_TOKEN_DELAY_MS', () => {
  it('still streams the whole answer, token by token, when nobody stops it', async () => {
    const id = await askInNewConversation(t, token, 'What is the capital of France?');
    const client = wsClient(t.wsUrl, token);
    const events: StreamEventView[] = [];
    try {
      for await (const result of client.iterate({ query: MESSAGE_STREAM, variables: { id } })) {
        events.push((result.data as { messageStream: StreamEventView }).messageStream);
      }
    } finally {
      await client.dispose();
    }
    expect(controlsOf(events)).toEqual(['THINKING', 'COMPLETE']);
    expect(tokensOf(events).length).toBeGreaterThan(1);
    fullAnswer = tokensOf(events)
      .map((x) => x.content)
      .join('');
    expect(fullAnswer).toContain('Paris');
  });

  it('lets a stop after the first token of the template answer interrupt it', async () => {
    const id = await askInNewConversation(t, token, 'What is the capital of France?');
    const { events, cancel } = await streamStoppingAtFirstToken(t, token, id);
    expect(cancel.errors).toBeUndefined();
    expect(controlsOf(events)).toEqual(['THINKING', 'INTERRUPTED']);
    const streamed = tokensOf(events)
      .map((x) => x.content)
      .join('');
    // Stopped part-way: a proper prefix of the whole answer.
    expect(streamed.length).toBeGreaterThan(0);
    expect(streamed.length).toBeLessThan(fullAnswer.length);
    expect(fullAnswer.startsWith(streamed)).toBe(true);
    const stored = await t.gql<{ node: { status: string; content: string } }>(
      'query ($id: ID!) { node(id: $id) { ... on Message { status content } } }',
      { id },
      { token },
    );
    expect(stored.data!.node).toEqual({ status: 'CANCELLED', content: streamed });
  });
});
