import { readFile } from 'node:fs/promises';
import { createEmbedder, indexEmbeddings } from '@rustygpt/models';
import { KnowledgeStore, openDatabase } from '@rustygpt/store';
import { hotpotBundle } from './hotpotqa-retrieval-lib';
const corpus = JSON.parse(await readFile('/work/shared/eval/hotpotqa/corpus.json', 'utf8')) as Record<string, string[]>;
const db = await openDatabase({ dataDir: 'memory://' });
const store = new KnowledgeStore(db);
await store.importBundle(hotpotBundle(corpus));
const e = await createEmbedder('builtin:glove-100d', { gpu: false });
await indexEmbeddings(store, e);
const [v] = await e.embed(['Which magazine was started first, Arthur\'s Magazine or First for Women?']);
for (const k of [5, 50]) {
  const c = await store.searchChunksByVector(v!, { modelId: e.modelId, k });
  console.log(k, c.length, c.slice(0, 5).map((h) => [h.resource.title, h.score.toFixed(3)]));
}
const ents = await store.searchEntitiesByVector(v!, { modelId: e.modelId, k: 20 });
console.log(ents.length, ents.slice(0, 5).map((h) => [h.item.name, h.score.toFixed(3)]));
await e.dispose(); await db.close();
