/**
 * Runs the demo-domain check (data/demo/bundle.json, the solar system; hand-written questions) against the real store and reports accuracy per
 * question kind. `npx tsx test/eval/demo/run.ts [--embed] [--verbose]`; writes
 * test/eval/results/demo.json and prints a Markdown table for docs/EVALUATION.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeBundle } from '@rustygpt/core';
import { createReasoner } from '@rustygpt/reasoning';
import { openKnowledgeBase } from '../lib/open-kb';
import { itemsMatch, percentile } from '../lib/scoring';
import type { EvalQuestion } from '../periodic/build';

const here = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const bundle = JSON.parse(
  readFileSync(join(here, '..', '..', '..', 'data', 'demo', 'bundle.json'), 'utf8'),
) as KnowledgeBundle;
const questions = JSON.parse(readFileSync(join(here, 'questions.json'), 'utf8')) as EvalQuestion[];

const kb = await openKnowledgeBase(bundle, { embed: args.has('--embed') });
const reasoner = createReasoner({ store: kb.store, embedder: kb.embedder, persist: false });
await reasoner.ask('warm up: what is the color of Python?');

interface Row {
  id: string;
  kind: string;
  question: string;
  expected: string[];
  items: string[];
  answer: string;
  correct: boolean;
  ms: number;
  passes: number;
}
const rows: Row[] = [];
for (const q of questions) {
  const t0 = performance.now();
  const result = await reasoner.ask(q.question);
  const ms = performance.now() - t0;
  const correct =
    q.kind === 'unknown'
      ? result.status === 'unknown' && result.answer.startsWith("I don't know")
      : result.status === 'answered' && itemsMatch(result.items, q.expected);
  rows.push({
    id: q.id,
    kind: q.kind,
    question: q.question,
    expected: q.expected,
    items: result.items,
    answer: result.answer,
    correct,
    ms,
    passes: result.passes,
  });
  if (args.has('--verbose') || !correct) {
    process.stdout.write(
      `${correct ? 'ok  ' : 'FAIL'} [${q.id}] ${q.question}\n     expected ${JSON.stringify(q.expected)} got ${JSON.stringify(result.items)} :: ${result.answer.slice(0, 200)}\n`,
    );
  }
}
await reasoner.close();
await kb.close();

const kinds = [...new Set(rows.map((r) => r.kind))];
const table = [
  '| kind | questions | correct | accuracy |',
  '| --- | ---: | ---: | ---: |',
  ...kinds.map((k) => {
    const of = rows.filter((r) => r.kind === k);
    const ok = of.filter((r) => r.correct).length;
    return `| ${k} | ${of.length} | ${ok} | ${((100 * ok) / of.length).toFixed(1)}% |`;
  }),
];
const correct = rows.filter((r) => r.correct).length;
table.push(`| **all** | ${rows.length} | ${correct} | **${((100 * correct) / rows.length).toFixed(1)}%** |`);
const latencies = rows.map((r) => r.ms);
const summary = {
  questions: rows.length,
  correct,
  accuracy: correct / rows.length,
  byKind: Object.fromEntries(
    kinds.map((k) => [
      k,
      rows.filter((r) => r.kind === k && r.correct).length / rows.filter((r) => r.kind === k).length,
    ]),
  ),
  latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
  embedder: kb.embedder?.modelId ?? null,
};
mkdirSync(join(here, '..', 'results'), { recursive: true });
writeFileSync(join(here, '..', 'results', 'demo.json'), `${JSON.stringify({ summary, rows }, null, 1)}\n`);
process.stdout.write(
  `\n${table.join('\n')}\n\nlatency p50 ${summary.latencyMs.p50.toFixed(1)} ms, p95 ${summary.latencyMs.p95.toFixed(1)} ms (embedder: ${summary.embedder ?? 'none'})\n`,
);
const unknownOk = summary.byKind.unknown === undefined || summary.byKind.unknown === 1;
// A held-out check measures rather than gates: it fails only when an unknown entity gets a guess.
process.exitCode = unknownOk ? 0 : 1;
