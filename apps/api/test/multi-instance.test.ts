import { randomUUID } from 'node:crypto';
import { serveDatabase, type ServedDatabase } from '@rustygpt/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aKnowledgeBase } from './support/knowledge-builder';
import { startTestApi, type TestApi } from './support/harness';
import { pacedEchoGenerator } from './support/paced-generator';
import { collect, controlsOf, MESSAGE_STREAM, tokensOf, wsClient } from './support/streams';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let served: ServedDatabase;

/** Counts messages instance `api`'s bus delivers to message streams from now on. */
function countBusDeliveries(api: TestApi): () => number {
  const bus = api.api.services.bus;
  const original = bus.subscribe.bind(bus);
  let count = 0;
  bus.subscribe = (channel, handler) =>
    original(channel, (payload) => {
      if (channel.startsWith('rustygpt:message:')) count++;
      handler(payload);
    });
  return () => count;
}
let a: TestApi;
let b: TestApi;

beforeAll(async () => {
  served = await serveDatabase({ dataDir: 'memory://', port: 0 });
  const env = { REDIS_URL, DATABASE_URL: served.url, RUSTYGPT_DATA_DIR: '' };
  a = await startTestApi({
    env,
    bundle: aKnowledgeBase().withCountry('France', { capital: 'Paris' }).build(),
  });
  // B phrases answers slowly, so the subscriber on A joins while the answer is still streaming.
  b = await startTestApi({ env, engineParts: (parts) => ({ ...parts, generator: pacedEchoGenerator(15) }) });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await served?.close();
});

describe('several API processes (Redis bus, shared database)', () => {
  it('delivers the tokens of a message sent through B to a subscriber on A', async () => {
    const sub = `multi-${randomUUID()}`;
    const tokenA = await a.signIn({ sub });
    const tokenB = await b.signIn({ sub });
    const conv = await b.gql<{ createConversation: { id: string } }>(
      'mutation { createConversation { id } }',
      {},
      { token: tokenB },
    );
    const sent = await b.gql<{ sendMessage: { id: string } }>(
      'mutation ($c: ID!) { sendMessage(conversationId: $c, content: "What is the capital of France?") { id } }',
      { c: conv.data!.createConversation.id },
      { token: tokenB },
    );
    const messageId = sent.data!.sendMessage.id;
    const busMessages = countBusDeliveries(a);
    const client = wsClient(a.wsUrl, tokenA);
    const events = await collect(client.iterate({ query: MESSAGE_STREAM, variables: { id: messageId } }));
    await client.dispose();
    expect(controlsOf(events)).toEqual(['THINKING', 'COMPLETE']);
    const tokens = tokensOf(events);
    expect(tokens.map((x) => x.index)).toEqual(tokens.map((_, i) => i));
    expect(tokens.map((x) => x.content).join('')).toContain('Paris');
    // Live events reached A over Redis (not only from the shared database).
    expect(busMessages()).toBeGreaterThan(0);
  });

  it('cancels, from A, a message running on B', async () => {
    const sub = `multi-${randomUUID()}`;
    const tokenA = await a.signIn({ sub });
    const tokenB = await b.signIn({ sub });
    const conv = await b.gql<{ createConversation: { id: string } }>(
      'mutation { createConversation { id } }',
      {},
      { token: tokenB },
    );
    const sent = await b.gql<{ sendMessage: { id: string } }>(
      'mutation ($c: ID!) { sendMessage(conversationId: $c, content: "What is the capital of France?") { id } }',
      { c: conv.data!.createConversation.id },
      { token: tokenB },
    );
    const id = sent.data!.sendMessage.id;
    const client = wsClient(a.wsUrl, tokenA);
    const events = await collect(client.iterate({ query: MESSAGE_STREAM, variables: { id } }), {
      stopAfter: (seen) => tokensOf(seen).length > 0,
    });
    await a.gql('mutation ($id: ID!) { cancelMessage(messageId: $id) { id } }', { id }, { token: tokenA });
    const rest = await collect(
      client.iterate({ query: MESSAGE_STREAM, variables: { id, after: tokensOf(events).at(-1)!.index } }),
    );
    await client.dispose();
    expect(controlsOf(rest).at(-1)).toBe('INTERRUPTED');
  });
});
