/**
 * Runs the models package's `rebase` (the function behind `rustygpt rebase`) on RUSTYGPT_DATA_DIR
 * and prints each progress step as a line, so a resilience test can `kill -9` it mid-embedding.
 */
import { createEmbedder, rebase } from '@rustygpt/models';
import { KnowledgeStore, openDatabase } from '@rustygpt/store';

const model = process.argv[2] ?? 'builtin:glove-100d';
const embedder = await createEmbedder(model);
const db = await openDatabase({ dataDir: process.env.RUSTYGPT_DATA_DIR });
const report = await rebase(new KnowledgeStore(db, 1), embedder, {
  sampleSize: 50,
  batchSize: 250,
  onProgress: (p) => {
    if (p.phase === 'index')
      process.stdout.write(`index ${p.progress.phase} ${p.progress.done}/${p.progress.total}\n`);
    else process.stdout.write(`${p.phase}\n`);
  },
});
process.stdout.write(`switched ${String(report.switched)}\n`);
await db.close();
await embedder.dispose();
