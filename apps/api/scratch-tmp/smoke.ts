// TEMPORARY smoke test of transports with in-memory data (deleted before hand-off).
console.log("loaded");
import { randomUUID } from 'node:crypto';
import type { Entity, ReasoningRunRecord } from '@rustygpt/core';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { serverAudits } from 'graphql-http';
import WebSocket from 'ws';
import { Authenticator } from '../src/auth/viewer';
import { loadConfig } from '../src/config';
import type { Services } from '../src/context';
import type { AnswerEngine } from '../src/data/answer-engine';
import type { ApiData, ConversationRecord, MessageRecord, UserRecord } from '../src/data/ports';
import { JobRunner } from '../src/jobs/job-runner';
import { createLogger } from '../src/observability/logger';
import { createMetrics } from '../src/observability/metrics';
import { listen } from '../src/server';
import { createMemoryEventBus } from '../src/streaming/event-bus';
import type { StreamEvent } from '../src/streaming/events';
import { MessageRunner } from '../src/streaming/message-runner';
import { signSessionToken } from '../src/auth/session-token';

const users: UserRecord[] = [];
const convs: ConversationRecord[] = [];
const msgs: MessageRecord[] = [];
const events = new Map<string, StreamEvent[]>();
const runs = new Map<string, ReasoningRunRecord>();
const ent: Entity = { id: 1, workspaceId: 1, key: 'k', type: 'T', name: 'Paris', state: 'active', version: 1, aliases: [], attributes: { a: 1 }, createdAt: new Date(), updatedAt: new Date() };
const knowledge = new Proxy({}, { get: (_t, p) => async (...args: unknown[]) => {
  if (p === 'getEntities') return (args[0] as number[]).includes(1) ? [ent] : [];
  if (p === 'getRun') return runs.get(args[0] as string) ?? null;
  if (p === 'countEntities') return 1;
  if (p === 'listEntities') return [ent];
  return [];
} });
const data = {
  knowledge: () => knowledge,
  users: {
    async upsertIdentity(i: { provider: string; subject: string; name: string | null; email: string | null; isAdmin?: boolean }) {
      let u = users.find((x) => x.provider === i.provider && x.subject === i.subject);
      if (!u) { u = { id: randomUUID(), provider: i.provider, subject: i.subject, name: i.name, email: i.email, isAdmin: !!i.isAdmin, createdAt: new Date() }; users.push(u); }
      return u;
    },
    async get(ids: string[]) { return users.filter((u) => ids.includes(u.id)); },
  },
  workspaces: {
    async ensure() { return { id: 1, slug: 'default', name: 'Default' }; },
    async list() { return [{ id: 1, slug: 'default', name: 'Default' }]; },
    async membershipsOf() { return [{ workspace: { id: 1, slug: 'default', name: 'Default' }, role: 'member' as const }]; },
    async addMember() {},
  },
  apiTokens: { async create() { throw new Error('x'); }, async findActiveByHash() { return null; }, async list() { return []; }, async revoke() { return false; } },
  conversations: {
    async create(i: { userId: string; workspaceId: number; title: string }) { const c = { id: randomUUID(), ...i, createdAt: new Date(), updatedAt: new Date() }; convs.push(c); return c; },
    async get(ids: string[]) { return convs.filter((c) => ids.includes(c.id)); },
    async listByUser(u: string) { return { items: convs.filter((c) => c.userId === u), hasNextPage: false }; },
  },
  messages: {
    async create(i: Omit<MessageRecord, 'id' | 'createdAt' | 'updatedAt' | 'runId'>) { const m = { id: randomUUID(), runId: null, ...i, createdAt: new Date(), updatedAt: new Date() }; msgs.push(m); return m; },
    async get(ids: string[]) { return msgs.filter((m) => ids.includes(m.id)).map((m) => ({ ...m })); },
    async listByConversations(ids: string[]) { return msgs.filter((m) => ids.includes(m.conversationId)); },
    async update(id: string, patch: Partial<MessageRecord>) { Object.assign(msgs.find((m) => m.id === id)!, patch); },
  },
  messageEvents: {
    async append(id: string, evs: StreamEvent[]) { await new Promise((r) => setTimeout(r, 1)); events.set(id, [...(events.get(id) ?? []), ...evs]); },
    async list(id: string, after: number) { return (events.get(id) ?? []).filter((e) => e.seq > after); },
  },
  jobs: { async create() { throw new Error('x'); }, async get() { return null; }, async update() { throw new Error('x'); }, async list() { return []; } },
  async ping() {},
  async close() {},
} as unknown as ApiData;

const engine: AnswerEngine = {
  ask({ question, signal }) {
    const runId = randomUUID();
    const words = `The answer to ${question} is Paris .`.split(' ');
    async function* tokens() { for (const w of words) { await new Promise((r) => setTimeout(r, 5)); if (signal.aborted) return; yield `${w} `; } }
    runs.set(runId, { id: runId, workspaceId: 1, question, answer: words.join(' '), status: 'complete', workflowVersion: 'v', startedAt: new Date(), durationMs: 1, userId: null, messageId: null, steps: [] });
    return { tokens: tokens(), result: Promise.resolve({ answer: '', citations: [], runId, modelName: 'x', promptTokens: 3 }) };
  },
  workflow: () => ({ name: 'w', version: 'v', nodes: [], edges: [] }),
  readiness: async () => ({ modelsLoaded: true, nodes: ['a'], detail: null }),
  embedder: null, fetcher: null, embeddingCacheStats: () => null, close: async () => {},
};

console.log("cfg");
const config = loadConfig({ RUSTYGPT_JWT_SECRET: 'x'.repeat(40), RUSTYGPT_LOG_LEVEL: 'warn', RUSTYGPT_PORT: '0' });
const logger = createLogger(config);
const metrics = createMetrics();
const bus = createMemoryEventBus();
const runner = new MessageRunner({ data, bus, engine, logger, metrics });
await runner.start();
const services: Services = { config, logger, data, engine, embedder: null, fetcher: null, bus, runner, jobs: new JobRunner({ data, bus, logger }), metrics, auth: new Authenticator(config, data) };
console.log("listen");
const server = await listen(services, { host: '127.0.0.1', port: 0 });
const token = await signSessionToken({ sub: 'u1', name: 'U', email: null, provider: 'github' }, { secret: 'x'.repeat(40), issuer: 'rustygpt-web', audience: 'rustygpt-api' });
const gql = async (query: string, variables = {}) => (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) })).json() as Promise<{ data: any; errors?: unknown }>;
console.log("q1");
console.log(JSON.stringify(await gql(`{ __typename }`)));
console.log(JSON.stringify(await gql(`{ viewer { name } }`)));
console.log(JSON.stringify(await gql(`{ viewer { name } entity(id: "RW50aXR5OjE=") { name attributes { name value } } }`)));
const conv = await gql('mutation { createConversation { id } }');
console.log(JSON.stringify(conv));
const STREAM = 'subscription ($id: ID!, $after: Int) { messageStream(messageId: $id, after: $after) { __typename ... on TokenEvent { index content } ... on ControlEvent { type } } }';
const send = async () => (await gql('mutation ($c: ID!) { sendMessage(conversationId: $c, content: "Where?") { id status } }', { c: conv.data.createConversation.id })).data.sendMessage.id as string;
const ws = createWsClient({ url: server.url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
let id = await send();
const got: unknown[] = [];
for await (const r of ws.iterate({ query: STREAM, variables: { id } })) got.push(r.data ?? r);
console.log('WS', JSON.stringify(got));
const sse = createSseClient({ url: `${server.url}/stream`, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
id = await send();
const got2: unknown[] = [];
for await (const r of sse.iterate({ query: STREAM, variables: { id, after: 2 } })) got2.push(r.data ?? r);
console.log('SSE', JSON.stringify(got2));
const failures: string[] = [];
for (const audit of serverAudits({ url: server.url, fetchFn: fetch })) { const r = await audit.fn(); if (r.status !== 'ok') failures.push(`${audit.name}: ${r.reason}`); }
console.log('audits failing:', failures);
await ws.dispose(); sse.dispose();
await server.close();
process.exit(0);
