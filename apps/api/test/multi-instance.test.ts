import { randomUUID } from 'node:crypto';
import { serveDatabase, type ServedDatabase } from '@rustygpt/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aKnowledgeBase } from './support/knowledge-builder';
import { startTestApi, type TestApi } from './support/harness';
import { collect, controlsOf, MESSAGE_STREAM, tokensOf, wsClient } from './support/streams';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let served: ServedDatabase;
let a: TestApi;
let b: TestApi;

beforeAll(async () => {
  served = await serveDatabase({ dataDir: 'memory://', port: 0 });
  const env = { REDIS_URL, DATABASE_URL: served.url, RUSTYGPT_DATA_DIR: '' };
  a = await startTestApi({
    env,
    bundle: aKnowledgeBase().withCountry('France', { capital: 'Paris' }).build(),
  });
  b = await startTestApi({ env });
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
    const client = wsClient(a.wsUrl, tokenA);
    const events = await collect(
      client.iterate({ query: MESSAGE_STREAM, variables: { id: sent.data!.sendMessage.id } }),
    );
    await client.dispose();
    expect(controlsOf(events)).toEqual(['THINKING', 'COMPLETE']);
    const tokens = tokensOf(events);
    expect(tokens.map((x) => x.index)).toEqual(tokens.map((_, i) => i));
    expect(tokens.map((x) => x.content).join('')).toContain('Paris');
  });
});
