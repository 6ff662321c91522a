/**
 * Retrieval evaluation on the HotpotQA slice (/work/shared/eval/hotpotqa): passages become
 * resources of a knowledge bundle, titles become entities linked to them; every built-in
 * embedder indexes them through the real pipeline (indexEmbeddings -> PGlite + HNSW) and each
 * retrieval mode is scored by supporting-passage recall@2 and @5 (HippoRAG's metric).
 *
 * Run: npx tsx test/eval/hotpotqa-retrieval.ts [--questions N] [--json]
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AliasIndex,
  createEmbedder,
  indexEmbeddings,
  retrieveResources,
  type AnyEmbedder,
  type RetrievalMode,
} from '@rustygpt/models';
import { KnowledgeStore, openDatabase, searchChunksBm25 } from '@rustygpt/store';
import { hotpotBundle } from './hotpotqa-retrieval-lib';

const DATA = process.env.HOTPOTQA_DIR ?? '/work/shared/eval/hotpotqa';

interface Question {
  question: string;
  supporting_facts: [string, number][];
  type: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const limit = Number(arg('--questions') ?? 100);
  const questions = (JSON.parse(await readFile(join(DATA, 'questions.json'), 'utf8')) as Question[]).slice(
    0,
    limit,
  );
  const corpus = JSON.parse(await readFile(join(DATA, 'corpus.json'), 'utf8')) as Record<string, string[]>;

  const db = await openDatabase({ dataDir: 'memory://' });
  const store = new KnowledgeStore(db);
  const t0 = performance.now();
  await store.importBundle(hotpotBundle(corpus));
  process.stderr.write(
    `imported ${Object.keys(corpus).length} passages in ${Math.round(performance.now() - t0)} ms\n`,
  );

  const embedders: AnyEmbedder[] = [];
  for (const spec of ['builtin:glove-100d', 'builtin:use-lite-512']) {
    const embedder = await createEmbedder(spec, {
      gpu: process.env.RUSTYGPT_GPU === 'auto' ? 'auto' : false,
    });
    const t = performance.now();
    const result = await indexEmbeddings(store, embedder);
    process.stderr.write(
      `${embedder.modelId}: embedded ${result.embedded.entities} entities + ${result.embedded.chunks} chunks in ${Math.round(performance.now() - t)} ms\n`,
    );
    embedders.push(embedder);
  }
  const aliases = await AliasIndex.load(store);

  type Row = { system: string; r2: number; r5: number; msPerQuery: number };
  const rows: Row[] = [];
  const bm25 = (q: string, k: number) => searchChunksBm25(store.db, store.workspaceId, q, { k });
  const evaluate = async (
    system: string,
    mode: RetrievalMode,
    embedder?: AnyEmbedder,
    lexical?: typeof bm25,
  ): Promise<void> => {
    let r2 = 0;
    let r5 = 0;
    const t = performance.now();
    for (const q of questions) {
      const gold = new Set(q.supporting_facts.map(([title]) => title));
      const got = await retrieveResources(store, q.question, { k: 5, mode, embedder, aliases, lexical });
      const titles = got.map((r) => r.title ?? '');
      const hit = (k: number): number => titles.slice(0, k).filter((t) => gold.has(t)).length / gold.size;
      r2 += hit(2);
      r5 += hit(5);
    }
    rows.push({
      system,
      r2: (100 * r2) / questions.length,
      r5: (100 * r5) / questions.length,
      msPerQuery: (performance.now() - t) / questions.length,
    });
  };
  await evaluate('full-text: tsvector OR query, ts_rank', 'fulltext');
  await evaluate('full-text: tsvector OR query, BM25 (SQL)', 'fulltext', undefined, bm25);
  for (const e of embedders) await evaluate(`dense ${e.modelId}`, 'dense', e);
  for (const e of embedders) await evaluate(`hybrid ${e.modelId} + ts_rank + mentions`, 'hybrid', e);
  for (const e of embedders) await evaluate(`hybrid ${e.modelId} + BM25 + mentions`, 'hybrid', e, bm25);

  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ questions: questions.length, rows }, null, 2)}\n`);
  } else {
    process.stdout.write(
      `HotpotQA slice: ${questions.length} questions, ${Object.keys(corpus).length} passages\n`,
    );
    process.stdout.write('| system | recall@2 | recall@5 | ms/query |\n|---|---|---|---|\n');
    for (const r of rows) {
      process.stdout.write(
        `| ${r.system} | ${r.r2.toFixed(1)} | ${r.r5.toFixed(1)} | ${r.msPerQuery.toFixed(1)} |\n`,
      );
    }
  }
  for (const e of embedders) await e.dispose();
  await db.close();
}

await main();
