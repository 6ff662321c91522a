/**
 * Runs the held-out check (GitHub Linguist languages, a domain the engine was not developed on)
 * against the real store and reports accuracy per question kind; fails only when an unknown
 * entity gets a guessed answer. `npx tsx test/eval/linguist/run.ts [--embed] [--verbose]`;
 * writes test/eval/results/linguist.json.
 */
import { readFileSync } from 'node:fs';
import type { KnowledgeBundle } from '@rustygpt/core';
import { runQuestionSet } from '../lib/question-set';
import type { EvalQuestion } from '../periodic/build';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
await runQuestionSet({
  name: 'linguist',
  bundle: read('./bundle.json') as KnowledgeBundle,
  questions: read('./questions.json') as EvalQuestion[],
  warmUp: 'warm up: what is the color of Python?',
  gate: 'unknowns',
  argv: process.argv.slice(2),
});
