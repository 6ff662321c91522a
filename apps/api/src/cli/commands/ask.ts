/**
 * `rustygpt ask "<question>" [--json] [--trace]`: answers from the knowledge graph with the
 * reasoning DAG. `rustygpt ask --json -` reads one question per line from standard input and
 * prints one JSON object per line, in order.
 */
import { createInterface } from 'node:readline';
import { ValidationError, type Embedder, type Generator, type TraceStep } from '@rustygpt/core';
import { createReasoner, HttpResourceFetcher, type AskResult, type Reasoner } from '@rustygpt/reasoning';
import type { KnowledgeStore } from '@rustygpt/store';
import type { Command } from 'commander';
import { withStore } from '../context';

interface AskOptions {
  json: boolean;
  trace: boolean;
  workspace: string;
  embedder: boolean;
}

/** The JSON line printed per question. */
export function toJsonLine(question: string, result: AskResult, withTrace: boolean): Record<string, unknown> {
  return {
    question,
    answer: result.answer,
    items: result.items,
    status: result.status,
    citations: result.citations,
    runId: result.runId,
    passes: result.passes,
    durationMs: Math.round(result.durationMs * 100) / 100,
    ...(withTrace ? { trace: result.trace } : {}),
  };
}

/** A readable rendering of a trace: one line per step, indented under its parent. */
export function formatTrace(steps: TraceStep[]): string {
  const depth = new Map<string, number>();
  return steps
    .map((s) => {
      const d = s.parentId ? (depth.get(s.parentId) ?? 0) + 1 : 0;
      depth.set(s.id, d);
      const label = s.node === 'pass' ? `pass ${s.pass}` : s.node;
      const ids = s.entityIds.length > 0 ? ` entities=[${s.entityIds.join(',')}]` : '';
      return `${'  '.repeat(d)}${label} ${s.status} ${s.durationMs.toFixed(1)}ms${s.decision ? ` ${s.decision}` : ''}${s.reason ? `: ${s.reason}` : ''}${ids}`;
    })
    .join('\n');
}

async function loadEmbedder(wanted: boolean): Promise<Embedder | null> {
  if (!wanted) return null;
  const models = await import('@rustygpt/models');
  return models.createEmbedder();
}

async function loadGenerator(): Promise<Generator | null> {
  if (!process.env.RUSTYGPT_CHAT_MODEL) return null;
  const models = await import('@rustygpt/models');
  return models.createGenerator();
}

async function answer(reasoner: Reasoner, question: string, opts: AskOptions): Promise<void> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    if (opts.json) {
      const result = await reasoner.ask(question, { signal: controller.signal });
      process.stdout.write(`${JSON.stringify(toJsonLine(question, result, opts.trace))}\n`);
      return;
    }
    const run = reasoner.stream(question, { signal: controller.signal });
    for await (const token of run.tokens) process.stdout.write(token);
    const result = await run.result;
    process.stdout.write('\n');
    if (result.citations.length > 0) {
      process.stdout.write(
        `\nCitations: ${result.citations.map((c) => `[${c.kind} ${c.id}] ${c.label}`).join('; ')}\n`,
      );
    }
    process.stdout.write(
      `run ${result.runId} (${result.passes} pass${result.passes > 1 ? 'es' : ''}, ${result.durationMs.toFixed(1)} ms)\n`,
    );
    if (opts.trace) process.stdout.write(`\n${formatTrace(result.trace)}\n`);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function askAll(
  store: KnowledgeStore,
  questions: AsyncIterable<string> | string[],
  opts: AskOptions,
): Promise<void> {
  const [embedder, generator] = await Promise.all([loadEmbedder(opts.embedder), loadGenerator()]);
  const reasoner = createReasoner({ store, embedder, generator, fetcher: new HttpResourceFetcher() });
  try {
    for await (const line of questions) {
      const question = line.trim();
      if (question) await answer(reasoner, question, opts);
    }
  } finally {
    await reasoner.close();
    for (const model of [embedder, generator] as ({ dispose?: () => Promise<void> } | null)[])
      await model?.dispose?.();
  }
}

/** Registers `rustygpt ask`. */
export function register(program: Command): void {
  program
    .command('ask')
    .description('answer a question by reasoning over the knowledge graph')
    .argument('<question>', 'the question, or - to read one question per line from standard input')
    .option('--json', 'print one JSON object per question ({"answer","citations","runId",...})', false)
    .option('--trace', 'also print the reasoning trace (steps, timings, decisions)', false)
    .option('--workspace <slug>', 'workspace to ask', 'default')
    .option(
      '--embedder',
      'load the embedding model for fuzzy mentions and vector retrieval (also when RUSTYGPT_EMBEDDING_MODEL is set)',
      false,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  rustygpt ask "Who discovered the element named by Antoine Lavoisier?"\n  rustygpt ask --trace "What is the atomic mass of Fe?"\n  printf "Who discovered neon?\\nWhat is the density of gold?\\n" | rustygpt ask --json -',
    )
    .action(async (question: string, opts: AskOptions) => {
      if (question !== '-' && question.trim() === '')
        throw new ValidationError('the question is empty', 'question');
      const options = { ...opts, embedder: opts.embedder || Boolean(process.env.RUSTYGPT_EMBEDDING_MODEL) };
      await withStore(opts.workspace, async (store) => {
        const questions =
          question === '-' ? createInterface({ input: process.stdin, crlfDelay: Infinity }) : [question];
        await askAll(store, questions, options);
      });
    });
}
