/** Shared by the HotpotQA retrieval eval and its tuning runs. */
import type { KnowledgeBundle } from '@rustygpt/core';

/** The corpus as a knowledge bundle: one entity per title, one resource per passage. */
export function hotpotBundle(corpus: Record<string, string[]>): KnowledgeBundle {
  const titles = Object.keys(corpus);
  return {
    entities: titles.map((t, i) => ({ key: `hotpot:${i}`, type: 'topic', name: t })),
    resources: titles.map((t, i) => ({
      uri: `hotpotqa://passage/${i}`,
      title: t,
      type: 'text/plain',
      text: (corpus[t] ?? []).join('').trim(),
      entities: [{ key: `hotpot:${i}`, confidence: 1 }],
    })),
  };
}
