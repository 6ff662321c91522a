import { readFile } from 'node:fs/promises';
import {
  AliasIndex,
  createEmbedder,
  indexEmbeddings,
  retrieveResources,
  type FusionWeights,
} from '@rustygpt/models';
import { KnowledgeStore, openDatabase, searchChunksBm25 } from '@rustygpt/store';
import { hotpotBundle } from './hotpotqa-retrieval-lib';
const questions = JSON.parse(await readFile('/work/shared/eval/hotpotqa/questions.json', 'utf8')) as {
  question: string;
  supporting_facts: [string, number][];
}[];
const corpus = JSON.parse(await readFile('/work/shared/eval/hotpotqa/corpus.json', 'utf8')) as Record<
  string,
  string[]
>;
const db = await openDatabase({ dataDir: 'memory://' });
const store = new KnowledgeStore(db);
await store.importBundle(hotpotBundle(corpus));
const e = await createEmbedder(process.argv[2] ?? 'builtin:glove-100d', { gpu: false });
await indexEmbeddings(store, e);
const aliases = await AliasIndex.load(store);
let m = 0;
for (const q of questions) m += aliases.mentions(q.question).length;
console.log('mentions/question', m / questions.length);
const grid: Partial<FusionWeights>[] = [
  { fullText: 1, denseChunks: 0, denseEntities: 0, mentions: 0 },
  { fullText: 1, denseChunks: 1, denseEntities: 0.5, mentions: 1 },
  { fullText: 2, denseChunks: 1, denseEntities: 0.5, mentions: 1 },
  { fullText: 2, denseChunks: 0.5, denseEntities: 0.25, mentions: 1 },
  { fullText: 2, denseChunks: 0.5, denseEntities: 0, mentions: 0.5 },
  { fullText: 3, denseChunks: 1, denseEntities: 0, mentions: 1 },
  { fullText: 2, denseChunks: 1, denseEntities: 0, mentions: 1 },
];
for (const weights of grid) {
  let r2 = 0,
    r5 = 0;
  for (const q of questions) {
    const gold = new Set(q.supporting_facts.map(([t]) => t));
    const got = (
      await retrieveResources(store, q.question, {
        k: 5,
        mode: (process.env.MODE ?? 'hybrid') as 'hybrid',
        embedder: e,
        aliases,
        weights,
        lexical: process.env.BM25
          ? (qq, k) => searchChunksBm25(store.db, store.workspaceId, qq, { k })
          : undefined,
      })
    ).map((r) => r.title ?? '');
    r2 += got.slice(0, 2).filter((t) => gold.has(t)).length / gold.size;
    r5 += got.filter((t) => gold.has(t)).length / gold.size;
  }
  console.log(JSON.stringify(weights), r2.toFixed(1), r5.toFixed(1));
}
await e.dispose();
await db.close();
