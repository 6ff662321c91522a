/**
 * Opens a real knowledge store (embedded PGlite in memory) loaded with a bundle, optionally
 * with the built-in embedder and its vectors indexed, for evals and benches.
 */
import type { Embedder, KnowledgeBundle } from '@rustygpt/core';
import { IN_MEMORY, KnowledgeStore, openDatabase, type Database } from '@rustygpt/store';

export interface OpenedKb {
  store: KnowledgeStore;
  db: Database;
  embedder: Embedder | null;
  close(): Promise<void>;
}

/** Loads `bundle` into a fresh in-memory store; `embed` also builds and indexes embeddings. */
export async function openKnowledgeBase(
  bundle: KnowledgeBundle,
  options: { embed?: boolean; dataDir?: string } = {},
): Promise<OpenedKb> {
  const db = await openDatabase({ dataDir: options.dataDir ?? IN_MEMORY });
  const store = new KnowledgeStore(db);
  await store.importBundle(bundle);
  let embedder: Embedder | null = null;
  if (options.embed) {
    const models = (await import('@rustygpt/models')) as unknown as {
      createEmbedder(spec?: string): Promise<Embedder & { dispose?: () => Promise<void> }>;
      indexEmbeddings?: (store: KnowledgeStore, embedder: Embedder) => Promise<unknown>;
    };
    embedder = await models.createEmbedder();
    if (models.indexEmbeddings) await models.indexEmbeddings(store, embedder);
  }
  return {
    store,
    db,
    embedder,
    async close() {
      const disposable = embedder as { dispose?: () => Promise<void> } | null;
      await disposable?.dispose?.();
      await db.close();
    },
  };
}
