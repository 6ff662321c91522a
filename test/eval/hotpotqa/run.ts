/**
 * HotpotQA answers: loads the shared dev slice's passages (/work/shared/eval/hotpotqa, or
 * HOTPOTQA_DIR) into a real store as resources, asks the 100 questions, and reports exact match
 * and token F1 of the extractive generator (standard HotpotQA answer normalisation).
 * `npx tsx test/eval/hotpotqa/run.ts [--embed] [--verbose]`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeBundle } from '@rustygpt/core';
import { createReasoner } from '@rustygpt/reasoning';
import { openKnowledgeBase } from '../lib/open-kb';
import { percentile } from '../lib/scoring';

interface HotpotQuestion {
  question: string;
  answer: string;
  type: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.env.HOTPOTQA_DIR ?? '/work/shared/eval/hotpotqa';
const args = new Set(process.argv.slice(2));

/** HotpotQA's answer normalisation: lower case, no punctuation, no articles, single spaces. */
export function normalizeAnswer(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function f1(prediction: string, gold: string): number {
  const p = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const g = normalizeAnswer(gold).split(' ').filter(Boolean);
  if (p.length === 0 || g.length === 0) return p.length === g.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of p) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / p.length;
  const recall = common / g.length;
  return (2 * precision * recall) / (precision + recall);
}

if (!existsSync(join(dir, 'questions.json'))) {
  process.stdout.write(`HotpotQA slice not found in ${dir}: skipped\n`);
} else {
  const questions = JSON.parse(readFileSync(join(dir, 'questions.json'), 'utf8')) as HotpotQuestion[];
  const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Record<string, string[]>;
  const bundle: KnowledgeBundle = {
    resources: Object.entries(corpus).map(([title, sentences]) => ({
      uri: `hotpotqa:${encodeURIComponent(title)}`,
      type: 'text/plain',
      title,
      text: sentences.join('').trim(),
    })),
  };
  const kb = await openKnowledgeBase(bundle, { embed: args.has('--embed') });
  const reasoner = createReasoner({ store: kb.store, embedder: kb.embedder, persist: false });
  const rows: {
    question: string;
    gold: string;
    predicted: string;
    em: number;
    f1: number;
    ms: number;
    type: string;
  }[] = [];
  for (const q of questions) {
    const t0 = performance.now();
    const result = await reasoner.ask(q.question);
    const predicted = result.status === 'answered' ? (result.items[0] ?? '') : '';
    const row = {
      question: q.question,
      gold: q.answer,
      predicted,
      em: normalizeAnswer(predicted) === normalizeAnswer(q.answer) ? 1 : 0,
      f1: f1(predicted, q.answer),
      ms: performance.now() - t0,
      type: q.type,
    };
    rows.push(row);
    if (args.has('--verbose'))
      process.stdout.write(
        `${row.em ? 'EM ' : '   '} ${q.question}\n    gold ${JSON.stringify(q.answer)} got ${JSON.stringify(predicted)}\n`,
      );
  }
  await kb.close();
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const byType = [...new Set(rows.map((r) => r.type))].map((t) => {
    const of = rows.filter((r) => r.type === t);
    return `| ${t} | ${of.length} | ${(100 * mean(of.map((r) => r.em))).toFixed(1)} | ${(100 * mean(of.map((r) => r.f1))).toFixed(1)} |`;
  });
  const summary = {
    questions: rows.length,
    exactMatch: mean(rows.map((r) => r.em)),
    f1: mean(rows.map((r) => r.f1)),
    answered: rows.filter((r) => r.predicted !== '').length,
    latencyMs: {
      p50: percentile(
        rows.map((r) => r.ms),
        50,
      ),
      p95: percentile(
        rows.map((r) => r.ms),
        95,
      ),
    },
    embedder: kb.embedder?.modelId ?? null,
  };
  mkdirSync(join(here, '..', 'results'), { recursive: true });
  writeFileSync(
    join(here, '..', 'results', 'hotpotqa.json'),
    `${JSON.stringify({ summary, rows }, null, 1)}\n`,
  );
  process.stdout.write(
    [
      '',
      '| type | questions | EM | F1 |',
      '| --- | ---: | ---: | ---: |',
      ...byType,
      `| **all** | ${rows.length} | **${(100 * summary.exactMatch).toFixed(1)}** | **${(100 * summary.f1).toFixed(1)}** |`,
      '',
      `answered ${summary.answered}/${rows.length}; latency p50 ${summary.latencyMs.p50.toFixed(1)} ms, p95 ${summary.latencyMs.p95.toFixed(1)} ms (embedder: ${summary.embedder ?? 'none'})`,
      '',
    ].join('\n'),
  );
}
