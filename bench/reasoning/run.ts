/**
 * Reasoning latency bench: `ask` p50/p95 (no LLM) with a per-node breakdown, on the periodic
 * dev KB and on a synthetic graph (default 100k entities), both in the real store (embedded
 * PGlite). `npx tsx bench/reasoning/run.ts [--size 100000] [--rounds 3] [--skip-large]`.
 * Writes bench/reasoning/results.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeBundle, TraceStep } from '@rustygpt/core';
import { createReasoner } from '@rustygpt/reasoning';
import { openKnowledgeBase } from '../../test/eval/lib/open-kb';
import { itemsMatch, percentile } from '../../test/eval/lib/scoring';
import { syntheticGraph } from './synthetic-graph';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const rounds = option('rounds', 3);
const size = option('size', 100_000);

interface BenchResult {
  name: string;
  entities: number;
  questions: number;
  accuracy: number;
  importMs: number;
  p50: number;
  p95: number;
  max: number;
  /** First round only: every question asked once, before its own repeats warm the active set. */
  coldP50: number;
  coldP95: number;
  nodes: Record<string, { p50: number; p95: number }>;
}

async function bench(
  name: string,
  bundle: KnowledgeBundle,
  questions: { question: string; expected: string[] }[],
): Promise<BenchResult> {
  const t0 = performance.now();
  const kb = await openKnowledgeBase(bundle);
  const importMs = performance.now() - t0;
  const reasoner = createReasoner({ store: kb.store, persist: false });
  await reasoner.ask(questions[0]!.question); // loads the alias dictionary and vocabulary once
  const latencies: number[] = [];
  const cold: number[] = [];
  const perNode = new Map<string, number[]>();
  let correct = 0;
  for (let round = 0; round < rounds; round++) {
    for (const q of questions) {
      const started = performance.now();
      const result = await reasoner.ask(q.question);
      latencies.push(performance.now() - started);
      if (round === 0) cold.push(latencies.at(-1)!);
      if (
        round === 0 &&
        (q.expected.length === 0 ? result.status === 'unknown' : itemsMatch(result.items, q.expected))
      )
        correct++;
      const sums = new Map<string, number>();
      for (const s of result.trace as TraceStep[]) {
        if (s.node === 'run' || s.node === 'pass') continue;
        sums.set(s.node, (sums.get(s.node) ?? 0) + s.durationMs);
      }
      for (const [node, ms] of sums) perNode.set(node, [...(perNode.get(node) ?? []), ms]);
    }
  }
  await reasoner.close();
  await kb.close();
  const entities = bundle.entities?.length ?? 0;
  return {
    name,
    entities,
    questions: questions.length,
    accuracy: correct / questions.length,
    importMs,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
    coldP50: percentile(cold, 50),
    coldP95: percentile(cold, 95),
    nodes: Object.fromEntries(
      [...perNode].map(([node, xs]) => [node, { p50: percentile(xs, 50), p95: percentile(xs, 95) }]),
    ),
  };
}

const results: BenchResult[] = [];
const devBundle = JSON.parse(
  readFileSync(join(here, '../../test/eval/periodic/bundle.json'), 'utf8'),
) as KnowledgeBundle;
const devQuestions = JSON.parse(
  readFileSync(join(here, '../../test/eval/periodic/questions.json'), 'utf8'),
) as { question: string; expected: string[] }[];
results.push(await bench('periodic dev KB', devBundle, devQuestions));
if (!argv.includes('--skip-large')) {
  const graph = syntheticGraph(size);
  results.push(await bench(`synthetic ${size.toLocaleString('en')}`, graph.bundle, graph.questions));
}

const fmt = (x: number): string => x.toFixed(1);
const lines = [
  `rounds: ${rounds}; machine: ${process.platform} ${process.arch}, node ${process.version}`,
  '',
  '| graph | entities | questions | correct | import | ask p50 | ask p95 | first-round p50 | first-round p95 | max |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.entities} | ${r.questions} | ${(100 * r.accuracy).toFixed(0)}% | ${(r.importMs / 1000).toFixed(1)} s | ${fmt(r.p50)} ms | ${fmt(r.p95)} ms | ${fmt(r.coldP50)} ms | ${fmt(r.coldP95)} ms | ${fmt(r.max)} ms |`,
  ),
  '',
  '| node (p50 / p95 ms per ask) | ' + results.map((r) => r.name).join(' | ') + ' |',
  '| --- | ' + results.map(() => '---:').join(' | ') + ' |',
  ...[...new Set(results.flatMap((r) => Object.keys(r.nodes)))].map(
    (node) =>
      `| ${node} | ${results.map((r) => (r.nodes[node] ? `${fmt(r.nodes[node].p50)} / ${fmt(r.nodes[node].p95)}` : '–')).join(' | ')} |`,
  ),
];
writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
