/**
 * Runs the reasoning dev set (periodic table) against the real store and reports accuracy per
 * question kind; gates CI at >= 95% overall and 100% on unknowns.
 * `npx tsx test/eval/periodic/run.ts [--embed] [--verbose]`; writes test/eval/results/periodic.json.
 */
import { readFileSync } from 'node:fs';
import type { KnowledgeBundle } from '@rustygpt/core';
import { runQuestionSet } from '../lib/question-set';
import type { EvalQuestion } from './build';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
await runQuestionSet({
  name: 'periodic',
  bundle: read('./bundle.json') as KnowledgeBundle,
  questions: read('./questions.json') as EvalQuestion[],
  warmUp: 'warm up: what is the atomic mass of iron?',
  gate: 'accuracy',
  argv: process.argv.slice(2),
});
