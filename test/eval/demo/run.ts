/**
 * Runs the demo-domain check (data/demo/bundle.json, the solar system; hand-written questions)
 * against the real store and reports accuracy per question kind; fails only when an unknown
 * entity gets a guessed answer. `npx tsx test/eval/demo/run.ts [--embed] [--verbose]`; writes
 * test/eval/results/demo.json.
 */
import { readFileSync } from 'node:fs';
import type { KnowledgeBundle } from '@rustygpt/core';
import { runQuestionSet } from '../lib/question-set';
import type { EvalQuestion } from '../periodic/build';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
await runQuestionSet({
  name: 'demo',
  bundle: read('../../../data/demo/bundle.json') as KnowledgeBundle,
  questions: read('./questions.json') as EvalQuestion[],
  warmUp: 'warm up: what is the color of Python?',
  gate: 'unknowns',
  argv: process.argv.slice(2),
});
