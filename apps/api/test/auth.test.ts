import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiToken } from '../src/auth/api-token';
import { signSessionToken } from '../src/auth/session-token';
import { aKnowledgeBase } from './support/knowledge-builder';
import { codesOf, startTestApi, TEST_JWT_SECRET, type TestApi } from './support/harness';
import { collect, MESSAGE_STREAM, wsClient } from './support/streams';

let t: TestApi;
let alice: string;
let bob: string;
let admin: string;

beforeAll(async () => {
  t = await startTestApi({ bundle: aKnowledgeBase().withCountry('France', { capital: 'Paris' }).build() });
  alice = await t.signIn({ sub: 'alice' });
  bob = await t.signIn({ sub: 'bob' });
  admin = await t.signIn({ sub: 'root', email: 'admin@example.org' });
});
afterAll(async () => {
  await t?.close();
});

const VIEWER = '{ viewer { name provider isAdmin authenticatedBy workspaces { slug role } } }';

async function entityId(token: string, key: string): Promise<string> {
  const r = await t.gql<{ entity: { id: string } | null }>(
    'query ($k: String!) { entity(key: $k) { id } }',
    { k: key },
    { token },
  );
  return r.data!.entity!.id;
}

describe('authentication', () => {
  it('upserts the user of a valid session token and joins the default workspace', async () => {
    const r = await t.gql(VIEWER, {}, { token: alice });
    expect(r.data).toEqual({
      viewer: {
        name: 'alice',
        provider: 'GITHUB'.toLowerCase(),
        isAdmin: false,
        authenticatedBy: 'session',
        workspaces: [{ slug: 'default', role: 'member' }],
      },
    });
  });

  it('returns no viewer and UNAUTHENTICATED for data without a credential (token mode)', async () => {
    expect((await t.gql(VIEWER)).data).toEqual({ viewer: null });
    const r = await t.gql('{ conversations(first: 1) { edges { cursor } } }');
    expect(codesOf(r)).toEqual(['UNAUTHENTICATED']);
  });

  it('rejects bad, expired and foreign-issuer tokens with 401', async () => {
    const expired = await signSessionToken(
      { sub: 'alice', name: null, email: null, provider: 'github' },
      { secret: TEST_JWT_SECRET, issuer: 'rustygpt-web', audience: 'rustygpt-api', expiresInSeconds: -5 },
    );
    const foreign = await signSessionToken(
      { sub: 'alice', name: null, email: null, provider: 'github' },
      { secret: TEST_JWT_SECRET, issuer: 'evil', audience: 'rustygpt-api' },
    );
    for (const token of [expired, foreign, 'garbage.token.here']) {
      const r = await t.gql(VIEWER, {}, { token });
      expect(r.status).toBe(401);
      expect(codesOf(r)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('accepts personal API tokens until they are revoked', async () => {
    const { data } = t.api.services;
    const [user] = await data.users.get([
      (await t.gql<{ viewer: { id: string } }>('{ viewer { id } }', {}, { token: bob })).data!.viewer.id,
    ]);
    const minted = mintApiToken();
    const record = await data.apiTokens.create({
      userId: user!.id,
      name: 'ci',
      hash: minted.hash,
      prefix: minted.prefix,
      admin: false,
    });
    const ok = await t.gql<{ viewer: { name: string; authenticatedBy: string } }>(
      VIEWER,
      {},
      { token: minted.secret },
    );
    expect(ok.data!.viewer).toMatchObject({ name: 'bob', authenticatedBy: 'api-token' });
    expect(await data.apiTokens.revoke(record.id)).toBe(true);
    t.api.services.auth.invalidate();
    const revoked = await t.gql(VIEWER, {}, { token: minted.secret });
    expect(codesOf(revoked)).toEqual(['UNAUTHENTICATED']);
  });

  it('closes graphql-ws connections without a valid credential with 4401', async () => {
    for (const token of [undefined, 'not-a-jwt']) {
      const client = wsClient(t.wsUrl, token);
      const closed = new Promise<number>((resolve) =>
        client.on('closed', (event) => resolve((event as { code: number }).code)),
      );
      const it = client.iterate({ query: '{ __typename }' });
      await expect(it.next()).rejects.toBeTruthy();
      expect(await closed).toBe(4401);
      await client.dispose();
    }
  });
});

describe('authorization', () => {
  it('keeps conversations, messages, streams and runs private to their owner (id guessing included)', async () => {
    const conv = await t.gql<{ createConversation: { id: string } }>(
      'mutation { createConversation(title: "mine") { id } }',
      {},
      { token: alice },
    );
    const conversationId = conv.data!.createConversation.id;
    const sent = await t.gql<{ sendMessage: { id: string } }>(
      'mutation ($c: ID!) { sendMessage(conversationId: $c, content: "What is the capital of France?") { id } }',
      { c: conversationId },
      { token: alice },
    );
    const messageId = sent.data!.sendMessage.id;
    const ws = wsClient(t.wsUrl, alice);
    await collect(ws.iterate({ query: MESSAGE_STREAM, variables: { id: messageId } }));
    await ws.dispose();
    const run = await t.gql<{ node: { run: { id: string } } }>(
      'query ($id: ID!) { node(id: $id) { ... on Message { run { id } } } }',
      { id: messageId },
      { token: alice },
    );
    const runId = run.data!.node.run.id;

    // Bob knows every id: he still sees nothing.
    const nodes = await t.gql<{ nodes: unknown[] }>(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: [conversationId, messageId, runId] },
      { token: bob },
    );
    expect(nodes.data!.nodes).toEqual([null, null, null]);
    const list = await t.gql<{ conversations: { edges: unknown[] } }>(
      '{ conversations(first: 50) { edges { node { id } } } }',
      {},
      { token: bob },
    );
    expect(list.data!.conversations.edges).toEqual([]);
    expect(
      (await t.gql('query ($id: ID!) { reasoningRun(id: $id) { id } }', { id: runId }, { token: bob })).data,
    ).toEqual({ reasoningRun: null });
    const send = await t.gql(
      'mutation ($c: ID!) { sendMessage(conversationId: $c, content: "hi") { id } }',
      { c: conversationId },
      { token: bob },
    );
    expect(codesOf(send)).toEqual(['NOT_FOUND']);
    const cancel = await t.gql(
      'mutation ($id: ID!) { cancelMessage(messageId: $id) { id } }',
      { id: messageId },
      { token: bob },
    );
    expect(codesOf(cancel)).toEqual(['NOT_FOUND']);
    const bobWs = wsClient(t.wsUrl, bob);
    await expect(
      collect(bobWs.iterate({ query: MESSAGE_STREAM, variables: { id: messageId } })),
    ).rejects.toThrow(/NOT_FOUND/);
    await bobWs.dispose();

    // Alice still sees all of it.
    const mine = await t.gql<{ nodes: ({ id: string } | null)[] }>(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: [conversationId, messageId, runId] },
      { token: alice },
    );
    expect(mine.data!.nodes.map((n) => n?.id)).toEqual([conversationId, messageId, runId]);
  });

  it('scopes knowledge to workspaces the viewer belongs to', async () => {
    const { data } = t.api.services;
    const secret = await data.workspaces.ensure('secret-lab', 'Secret lab');
    const { entity } = await data
      .knowledge(secret.id)
      .upsertEntity({ key: 'project:x', type: 'Project', name: 'Project X' });
    const globalId = Buffer.from(`Entity:${entity.id}`).toString('base64');
    const byId = await t.gql(
      'query ($id: ID!) { entity(id: $id) { name } node(id: $id) { id } }',
      { id: globalId },
      { token: alice },
    );
    expect(byId.data).toEqual({ entity: null, node: null });
    const byKey = await t.gql(
      '{ entity(key: "project:x", workspace: "secret-lab") { name } }',
      {},
      { token: alice },
    );
    expect(codesOf(byKey)).toEqual(['NOT_FOUND']);
    const write = await t.gql(
      'mutation ($id: ID!) { setAttributes(id: $id, attributes: { leaked: true }) { id } }',
      { id: globalId },
      { token: alice },
    );
    expect(codesOf(write)).toEqual(['NOT_FOUND']);
    const search = await t.gql<{ searchEntities: unknown[] }>(
      '{ searchEntities(text: "Project X") { entity { name } } }',
      {},
      { token: alice },
    );
    expect(search.data!.searchEntities).toEqual([]);
  });

  it('allows merge, delete and lifecycle jobs to admins only', async () => {
    const paris = await entityId(alice, 'city:paris');
    const france = await entityId(alice, 'country:france');
    const ops = [
      [
        'mutation ($a: ID!, $b: ID!) { mergeEntities(keep: $a, merge: [$b]) { id } }',
        { a: france, b: paris },
      ],
      ['mutation ($a: ID!) { deleteEntity(id: $a) }', { a: paris }],
      ['mutation { triggerJob(kind: "prune") { id } }', {}],
      ['{ jobs { id } }', {}],
    ] as const;
    for (const [query, variables] of ops) {
      const r = await t.gql(query, variables, { token: alice });
      expect(codesOf(r)).toEqual(['FORBIDDEN']);
    }
    const adminViewer = await t.gql<{ viewer: { isAdmin: boolean } }>(
      '{ viewer { isAdmin } }',
      {},
      { token: admin },
    );
    expect(adminViewer.data!.viewer.isAdmin).toBe(true);
    const deleted = await t.gql<{ deleteEntity: string }>(
      'mutation ($a: ID!) { deleteEntity(id: $a) }',
      { a: paris },
      { token: admin },
    );
    expect(deleted.errors).toBeUndefined();
    expect((await t.gql('{ entity(key: "city:paris") { id } }', {}, { token: alice })).data).toEqual({
      entity: null,
    });
  });
});
