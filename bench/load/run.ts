// Mixed-load benchmark: `npx tsx bench/load/run.ts [--duration 60] [--subscribers 200] [--query-workers 8] [--ask-workers 2]`.
// Starts the API (bench/api/api-server.ts: in-memory database with the demo bundle, token auth) and,
// for the duration, drives at once: GraphQL queries (search, entity by key, nested entities), `ask`
// mutations (the whole reasoning DAG), and N concurrent streaming subscriptions (sendMessage then
// messageStream, half over graphql-ws and half over SSE). Reports throughput, p50/p95/p99 per
// kind, errors and lost tokens (index gaps in completed streams); writes bench/load/results.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { postJson } from '../lib/http';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    subscribers: { type: 'string', default: '200' },
    'query-workers': { type: 'string', default: '8' },
    'ask-workers': { type: 'string', default: '2' },
  },
});
const durationS = Number(flags.duration);
const subscribers = Number(flags.subscribers);
const queryWorkers = Number(flags['query-workers']);
const askWorkers = Number(flags['ask-workers']);
const root = new URL('../..', import.meta.url).pathname;
// Idle keep-alive sockets are dropped after 4 s, before the server's 5 s keepAliveTimeout closes
// them: reusing a socket the server is closing fails with ECONNRESET (a client artefact, not an API error).
const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });

/** Latency samples and failures of one kind of traffic. */
class Series {
  readonly ms: number[] = [];
  errors = 0;
  firstError: string | null = null;
  add(ms: number): void {
    this.ms.push(ms);
  }
  fail(message: string): void {
    this.errors += 1;
    this.firstError ??= message.slice(0, 300);
  }
  summary(seconds: number) {
    const s = [...this.ms].sort((a, b) => a - b);
    const p = (q: number) =>
      s.length === 0 ? null : Number(s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(1));
    return {
      count: s.length,
      perSecond: Number((s.length / seconds).toFixed(1)),
      p50: p(0.5),
      p95: p(0.95),
      p99: p(0.99),
      errors: this.errors,
      firstError: this.firstError,
    };
  }
}

/** One timed GraphQL call; counts HTTP errors and GraphQL errors alike. */
async function timed(
  series: Series,
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<unknown> {
  const t = performance.now();
  try {
    const res = await postJson(agent, url, JSON.stringify({ query, variables }), token);
    const body = JSON.parse(res.text) as { data?: unknown; errors?: unknown[] };
    if (res.status !== 200 || body.errors) {
      series.fail(`${res.status} ${JSON.stringify(body.errors ?? res.text)}`);
      return null;
    }
    series.add(performance.now() - t);
    return body.data;
  } catch (error) {
    series.fail(String(error));
    return null;
  }
}

const QUERIES: { query: string; variables: Record<string, unknown> }[] = [
  {
    query: 'query($t: String!) { searchEntities(text: $t, first: 5) { score entity { name type } } }',
    variables: { t: 'Mars' },
  },
  {
    query: 'query($t: String!) { searchEntities(text: $t, first: 5) { score entity { name } } }',
    variables: { t: 'moon of Jupiter' },
  },
  {
    query: 'query($k: String!) { entity(key: $k) { name aliases attributes { name value } } }',
    variables: { k: 'planet:mars' },
  },
  {
    query: `{ entities(first: 10) { edges { node { name relationships(first: 5) { edges { node { type weight to { name } } } } } } } }`,
    variables: {},
  },
];
const QUESTIONS = [
  'What does Io orbit?',
  'What is the mean radius of Mars?',
  'Which moons orbit Jupiter?',
  'What is the Sun?',
];
const SEND = 'mutation ($c: ID!, $q: String!) { sendMessage(conversationId: $c, content: $q) { id } }';
const STREAM = `subscription ($id: ID!) { messageStream(messageId: $id) {
  __typename ... on TokenEvent { index content } ... on ControlEvent { type } } }`;
type Ev = { __typename: string; index?: number; type?: string };
type Iter = AsyncIterableIterator<{ data?: unknown; errors?: readonly unknown[] }>;

async function startApi(): Promise<{ child: ChildProcess; url: string; token: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api/api-server.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as { url: string; token: string }));
    child.once('exit', (code) => reject(new Error(`api-server exited with ${code}`)));
  });
  return { child, ...info };
}

async function main(): Promise<void> {
  const api = await startApi();
  const { url, token } = api;
  const queries = new Series();
  const asks = new Series();
  const streams = new Series();
  const sends = new Series();
  let tokens = 0;
  let lost = 0;
  let incomplete = 0;
  try {
    const conv = (await timed(
      new Series(),
      url,
      token,
      'mutation { createConversation(title: "load") { id } }',
      {},
    )) as {
      createConversation: { id: string };
    };
    const conversationId = conv.createConversation.id;
    const wsClients = Array.from({ length: Math.ceil(subscribers / 50) }, () =>
      createWsClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${token}` },
      }),
    );
    const sse = createSseClient({
      url: `${url}/stream`,
      retryAttempts: 0,
      headers: { authorization: `Bearer ${token}` },
    });
    for (const q of QUERIES) await timed(new Series(), url, token, q.query, q.variables); // warm-up
    const started = performance.now();
    const end = started + durationS * 1000;
    await Promise.all([
      ...Array.from({ length: queryWorkers }, async (_, w) => {
        for (let i = w; performance.now() < end; i += 1) {
          const q = QUERIES[i % QUERIES.length]!;
          await timed(queries, url, token, q.query, q.variables);
        }
      }),
      ...Array.from({ length: askWorkers }, async (_, w) => {
        for (let i = w; performance.now() < end; i += 1) {
          await timed(asks, url, token, 'mutation($q: String!) { ask(question: $q) { answer } }', {
            q: QUESTIONS[i % QUESTIONS.length],
          });
        }
      }),
      ...Array.from({ length: subscribers }, async (_, i) => {
        const subscribe =
          i % 2 === 0
            ? (v: Record<string, unknown>) =>
                wsClients[i % wsClients.length]!.iterate({ query: STREAM, variables: v }) as Iter
            : (v: Record<string, unknown>) => sse.iterate({ query: STREAM, variables: v }) as Iter;
        while (performance.now() < end) {
          const t = performance.now();
          const sent = (await timed(sends, url, token, SEND, {
            c: conversationId,
            q: QUESTIONS[i % QUESTIONS.length],
          })) as {
            sendMessage: { id: string };
          } | null;
          if (!sent) {
            streams.fail(`sendMessage failed: ${sends.firstError ?? ''}`);
            continue;
          }
          try {
            const events: Ev[] = [];
            for await (const result of subscribe({ id: sent.sendMessage.id })) {
              if (result.errors) throw new Error(JSON.stringify(result.errors));
              const e = (result.data as { messageStream: Ev }).messageStream;
              events.push(e);
              if (e.__typename === 'ControlEvent' && e.type !== 'THINKING' && e.type !== 'MODEL_SWITCH')
                break;
            }
            const indices = events.filter((e) => e.__typename === 'TokenEvent').map((e) => e.index!);
            tokens += indices.length;
            lost += indices.filter((x, k) => x !== k).length;
            if (events.at(-1)?.type !== 'COMPLETE') {
              incomplete += 1;
              streams.fail(`stream ended with ${JSON.stringify(events.at(-1))}`);
            } else streams.add(performance.now() - t);
          } catch (error) {
            streams.fail(String(error));
          }
        }
      }),
    ]);
    const seconds = (performance.now() - started) / 1000;
    for (const c of wsClients) await c.dispose();
    sse.dispose();
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      durationS: Number(seconds.toFixed(1)),
      subscribers,
      queryWorkers,
      askWorkers,
      queries: queries.summary(seconds),
      ask: asks.summary(seconds),
      streams: { ...streams.summary(seconds), tokens, lostTokens: lost, incomplete },
      totalErrors: queries.errors + asks.errors + streams.errors,
    };
    writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
    const line = (name: string, s: ReturnType<Series['summary']>) =>
      `| ${name} | ${s.count} | ${s.perSecond} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.errors} |`;
    process.stdout.write(
      [
        `# load: ${result.durationS} s, ${subscribers} concurrent streams, ${queryWorkers} query workers, ${askWorkers} ask workers (node ${process.version})`,
        '| kind | completed | per s | p50 ms | p95 ms | p99 ms | errors |',
        '|---|---|---|---|---|---|---|',
        line('queries', result.queries),
        line('ask', result.ask),
        line('streams (sendMessage -> COMPLETE)', result.streams),
        `tokens streamed ${tokens}, lost ${lost}, incomplete streams ${incomplete}, total errors ${result.totalErrors}`,
      ].join('\n') + '\n',
    );
    if (result.totalErrors > 0 || lost > 0) process.exitCode = 1;
  } finally {
    await new Promise<void>((resolve) => {
      api.child.once('exit', () => resolve());
      api.child.kill('SIGTERM');
    });
  }
}

await main();
