// API benchmark: `npx tsx bench/api/run.ts [--duration 30] [--subscribers 200] [--rps-seconds 8]`.
// Prints, in one run: requests/s of a simple query vs a bare graphql-yoga hello world (ratio),
// p50/p95 of a nested entity query, time to first token over graphql-ws and SSE after
// sendMessage, and N concurrent subscriptions streaming for the duration with lost-token count.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent } from 'node:http';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { postJson } from '../lib/http';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    subscribers: { type: 'string', default: '200' },
    'rps-seconds': { type: 'string', default: '12' },
    concurrency: { type: 'string', default: '32' },
    'ttft-samples': { type: 'string', default: '40' },
  },
});
const durationS = Number(flags.duration);
const subscribers = Number(flags.subscribers);
const rpsSeconds = Number(flags['rps-seconds']);
const concurrency = Number(flags.concurrency);
const ttftSamples = Number(flags['ttft-samples']);

const root = new URL('../..', import.meta.url).pathname;

interface ChildInfo {
  url: string;
  token?: string;
  /** Returns the child's process.cpuUsage() (user + system µs). */
  cpuUrl: string;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

async function startChild(
  script: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; info: ChildInfo }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<ChildInfo>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as ChildInfo));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, info };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

async function gql<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await postJson(agent, url, JSON.stringify({ query, variables }), token);
  const body = JSON.parse(res.text) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

async function cpuMicros(cpuUrl: string): Promise<number> {
  const res = await fetch(cpuUrl);
  const usage = (await res.json()) as { user: number; system: number };
  return usage.user + usage.system;
}

/**
 * Closed-loop load: `concurrency` workers posting `body` for `seconds`. Returns requests/s (wall
 * clock, sensitive to whatever else runs on the machine) and the server's CPU time per request
 * (its own process.cpuUsage, far less sensitive to other load).
 */
async function measureRps(
  server: ChildInfo,
  body: string,
  seconds: number,
  token?: string,
): Promise<{ rps: number; cpuPerRequestUs: number }> {
  const warmupEnd = performance.now() + 300;
  while (performance.now() < warmupEnd) await postJson(agent, server.url, body, token);
  let count = 0;
  let failures = 0;
  const cpuBefore = await cpuMicros(server.cpuUrl);
  const end = performance.now() + seconds * 1_000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const res = await postJson(agent, server.url, body, token);
        if (res.status === 200) count++;
        else failures++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1_000;
  const cpu = (await cpuMicros(server.cpuUrl)) - cpuBefore;
  if (failures > 0) throw new Error(`${failures} failed requests`);
  return { rps: count / elapsed, cpuPerRequestUs: cpu / count };
}

const SEND = 'mutation ($c: ID!, $q: String!) { sendMessage(conversationId: $c, content: $q) { id } }';
const STREAM = `subscription ($id: ID!, $after: Int) { messageStream(messageId: $id, after: $after) {
  __typename ... on TokenEvent { index content } ... on ControlEvent { type } } }`;
const QUESTIONS = [
  'What does Io orbit?',
  'What is the mean radius of Mars?',
  'Which moons orbit Jupiter?',
  'What is the Sun?',
];

type Ev = { __typename: string; index?: number; content?: string; type?: string };

function wsClientFor(url: string, token: string) {
  return createWsClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
}
function sseClientFor(url: string, token: string) {
  return createSseClient({
    url: `${url}/stream`,
    retryAttempts: 0,
    headers: { authorization: `Bearer ${token}` },
  });
}
type Iter = AsyncIterableIterator<{ data?: unknown; errors?: readonly unknown[] }>;

/** Sends a message, subscribes, returns (time to first token, all events). */
async function oneStream(
  url: string,
  token: string,
  conversationId: string,
  subscribe: (vars: Record<string, unknown>) => Iter,
  question: string,
): Promise<{ ttftMs: number; events: Ev[] }> {
  const t0 = performance.now();
  const sent = await gql<{ sendMessage: { id: string } }>(url, token, SEND, {
    c: conversationId,
    q: question,
  });
  let ttftMs = NaN;
  const events: Ev[] = [];
  for await (const result of subscribe({ id: sent.sendMessage.id })) {
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    const e = (result.data as { messageStream: Ev }).messageStream;
    if (e.__typename === 'TokenEvent' && Number.isNaN(ttftMs)) ttftMs = performance.now() - t0;
    events.push(e);
    if (e.__typename === 'ControlEvent' && e.type !== 'THINKING' && e.type !== 'MODEL_SWITCH') break;
  }
  return { ttftMs, events };
}

/** Tokens missing from a completed stream (index gaps or duplicates). */
function lostTokens(events: Ev[]): number {
  const indices = events.filter((e) => e.__typename === 'TokenEvent').map((e) => e.index!);
  let lost = 0;
  for (let i = 0; i < indices.length; i++) if (indices[i] !== i) lost++;
  return lost;
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  log(`# API bench (node ${process.version}, ${new Date().toISOString()})`);
  const hello = await startChild('bench/api/hello-server.ts');
  const helloNoLimiter = await startChild('bench/api/hello-server.ts', { HELLO_BODY_LIMITER: 'off' });
  const api = await startChild('bench/api/api-server.ts');
  const url = api.info.url;
  const token = api.info.token!;
  try {
    // 1. Simple query vs hello world: alternated in short rounds so all servers see the same
    //    machine load (this machine is shared); each ratio is the median of the per-round ratios.
    //    Two baselines: the bare yoga hello world with yoga's defaults (the target), and the
    //    same hello world with yoga's streaming body limiter off, as the API has it (its body limit
    //    is a Content-Length check), so the transport setting is compared like for like.
    const simple = JSON.stringify({ query: '{ viewer { name isAdmin } }' });
    const helloBody = JSON.stringify({ query: '{ hello }' });
    const rounds = 6;
    const baselines = (
      [
        ['bare yoga hello world (defaults)', hello],
        ['bare yoga hello world (body limiter off)', helloNoLimiter],
      ] as const
    ).map(([name, child]) => ({ name, child, ratios: [] as number[], rps: 0, cpu: 0 }));
    let apiTotal = 0;
    let apiCpu = 0;
    for (let round = 0; round < rounds; round++) {
      const measured: Array<{ rps: number; cpuPerRequestUs: number }> = [];
      for (const b of baselines)
        measured.push(await measureRps(b.child.info, helloBody, rpsSeconds / rounds));
      const a = await measureRps(api.info, simple, rpsSeconds / rounds, token);
      apiTotal += a.rps;
      apiCpu += a.cpuPerRequestUs;
      baselines.forEach((b, i) => {
        b.ratios.push(a.rps / measured[i]!.rps);
        b.rps += measured[i]!.rps;
        b.cpu += measured[i]!.cpuPerRequestUs;
      });
    }
    log(
      `simple query ({ viewer { name isAdmin } }, API token): ${(apiTotal / rounds).toFixed(0)} req/s, server CPU ${(apiCpu / rounds).toFixed(0)} µs/request; concurrency ${concurrency}, ${rounds} alternating rounds`,
    );
    for (const b of baselines) {
      b.ratios.sort((x, y) => x - y);
      const median = (b.ratios[rounds / 2 - 1]! + b.ratios[rounds / 2]!) / 2;
      log(
        `  vs ${b.name}: ${(b.rps / rounds).toFixed(0)} req/s, ${(b.cpu / rounds).toFixed(0)} µs/request; ratio ${median.toFixed(2)} (range ${b.ratios[0]!.toFixed(2)}-${b.ratios.at(-1)!.toFixed(2)}), capacity ratio ${(b.cpu / apiCpu).toFixed(2)} (requests per CPU-second); target >= 0.8`,
      );
    }

    // 2. Nested entity query latency.
    const nested = `{ entities(first: 10) { edges { node { name aliases attributes { name value }
      relationships(first: 5) { edges { node { type weight path from { name } to { name attributes { name value } } } } } } } } }`;
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) await gql(url, token, nested);
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      await gql(url, token, nested);
      latencies.push(performance.now() - t);
    }
    latencies.sort((x, y) => x - y);
    log(
      `nested entity query (10 entities x 5 relationships, attributes): p50 ${percentile(latencies, 50).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms (n=300, sequential)`,
    );

    // 3. Time to first token over graphql-ws and SSE.
    const conv = await gql<{ createConversation: { id: string } }>(
      url,
      token,
      'mutation { createConversation(title: "bench") { id } }',
    );
    const conversationId = conv.createConversation.id;
    const ws = wsClientFor(url, token);
    const sse = sseClientFor(url, token);
    for (const [name, subscribe] of [
      ['graphql-ws', (v: Record<string, unknown>) => ws.iterate({ query: STREAM, variables: v }) as Iter],
      ['SSE', (v: Record<string, unknown>) => sse.iterate({ query: STREAM, variables: v }) as Iter],
    ] as const) {
      const samples: number[] = [];
      for (let i = 0; i < 3; i++)
        await oneStream(url, token, conversationId, subscribe, QUESTIONS[i % QUESTIONS.length]!);
      for (let i = 0; i < ttftSamples; i++) {
        const { ttftMs } = await oneStream(
          url,
          token,
          conversationId,
          subscribe,
          QUESTIONS[i % QUESTIONS.length]!,
        );
        samples.push(ttftMs);
      }
      samples.sort((x, y) => x - y);
      log(
        `time to first token over ${name} after sendMessage: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms (n=${ttftSamples}; target p50 <= 50 ms, extractive generator, no LLM)`,
      );
    }

    // 4. N concurrent subscriptions streaming for the duration (half graphql-ws, half SSE).
    let streams = 0;
    let tokens = 0;
    let lost = 0;
    let failed = 0;
    const end = performance.now() + durationS * 1_000;
    const clients = Array.from({ length: Math.ceil(subscribers / 50) }, () => wsClientFor(url, token));
    await Promise.all(
      Array.from({ length: subscribers }, async (_, i) => {
        const useWs = i % 2 === 0;
        const client = clients[i % clients.length]!;
        const subscribe = useWs
          ? (v: Record<string, unknown>) => client.iterate({ query: STREAM, variables: v }) as Iter
          : (v: Record<string, unknown>) => sse.iterate({ query: STREAM, variables: v }) as Iter;
        while (performance.now() < end) {
          try {
            const { events } = await oneStream(
              url,
              token,
              conversationId,
              subscribe,
              QUESTIONS[i % QUESTIONS.length]!,
            );
            const last = events.at(-1);
            if (last?.type !== 'COMPLETE') failed++;
            streams++;
            tokens += events.filter((e) => e.__typename === 'TokenEvent').length;
            lost += lostTokens(events);
          } catch (error) {
            failed++;
            if (failed < 5) process.stderr.write(`stream failed: ${String(error)}\n`);
          }
        }
      }),
    );
    log(
      `${subscribers} concurrent subscriptions for ${durationS} s: ${streams} answers streamed, ${tokens} tokens, ${lost} lost or out of order, ${failed} failed streams (${(tokens / durationS).toFixed(0)} tokens/s)`,
    );
    await ws.dispose();
    for (const c of clients) await c.dispose();
  } finally {
    await stopChild(api.child);
    await stopChild(hello.child);
    await stopChild(helloNoLimiter.child);
    agent.destroy();
  }
}

await main();
