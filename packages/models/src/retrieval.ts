/**
 * Passage retrieval over the resources of the knowledge graph, through the ports only
 * (KnowledgeReader + Embedder) so the reasoning engine can reuse it. Modes:
 * - `dense`: vector top-k over resource chunks (and over entities, whose linked resources count);
 * - `fulltext`: PostgreSQL full-text search over chunks (an OR query of the question's words);
 * - `hybrid`: reciprocal rank fusion of the dense lists, the full-text list and entity mentions
 *   (entity names or aliases written in the question, found in the alias dictionary).
 */
import {
  normalizeText,
  throwIfAborted,
  type AliasEntry,
  type ChunkHit,
  type Embedder,
  type KnowledgeReader,
} from '@rustygpt/core';

/** How {@link retrieveResources} ranks: vectors, full text, or both fused (see the module comment). */
export type RetrievalMode = 'dense' | 'fulltext' | 'hybrid';

/** A resource found by {@link retrieveResources}. */
export interface RetrievedResource {
  resourceId: number;
  uri: string;
  title: string | null;
  /**
   * Higher is better; comparable only within one result: the best chunk's score in `dense` and
   * `fulltext`, the fused reciprocal-rank score in `hybrid`.
   */
  score: number;
}

/** Options of {@link retrieveResources}. */
export interface RetrieveOptions {
  /** Resources to return (default 5). */
  k?: number;
  /** Ranking (default `hybrid`). */
  mode?: RetrievalMode;
  /** Needed by `dense` and `hybrid`. */
  embedder?: Embedder;
  /** Registry name of the vectors to search (default: embedder.modelId). */
  modelId?: string;
  /** Candidates taken from each list before fusion (default max(50, 10k)). */
  candidates?: number;
  /** RRF constant (default 60, as in Cormack et al.). */
  rrfK?: number;
  /** Weights of the fused lists in `hybrid` (defaults: see DEFAULT_FUSION_WEIGHTS). */
  weights?: Partial<FusionWeights>;
  /**
   * Lexical ranking used by `fulltext` and `hybrid` (default: the reader's full-text search over
   * an OR query). The store's `searchChunksBm25` ranks better; pass it where the store is at hand.
   */
  lexical?: (query: string, k: number) => Promise<ChunkHit[]>;
  /** Alias dictionary for entity mentions (hybrid); loaded from the reader when omitted. */
  aliases?: AliasIndex;
  /** Checked before and between searches. */
  signal?: AbortSignal;
}

/** How much each list counts in hybrid fusion. */
export interface FusionWeights {
  denseChunks: number;
  denseEntities: number;
  fullText: number;
  mentions: number;
}

/** Chosen on the HotpotQA slice (docs/EVALUATION.md). */
export const DEFAULT_FUSION_WEIGHTS: FusionWeights = {
  denseChunks: 1,
  denseEntities: 0,
  fullText: 3,
  mentions: 1,
};

/** One ranked list of resources (best first). */
type Ranked = { resourceId: number; uri: string; title: string | null; score: number }[];

/** The first item per resource, keeping first-seen order (so a best-first list stays best first). */
function firstPerResource<T extends { resource: { id: number; uri: string; title: string | null } }>(
  items: readonly T[],
  scoreOf: (item: T) => number,
): Ranked {
  const seen = new Map<number, Ranked[number]>();
  for (const item of items) {
    if (!seen.has(item.resource.id)) {
      seen.set(item.resource.id, {
        resourceId: item.resource.id,
        uri: item.resource.uri,
        title: item.resource.title,
        score: scoreOf(item),
      });
    }
  }
  return [...seen.values()];
}

/** Best chunk per resource, keeping first-seen order (lists arrive best first). */
function byResource(hits: readonly ChunkHit[]): Ranked {
  return firstPerResource(hits, (h) => h.score);
}

/** Words too common to help a full-text OR query. */
const STOP = new Set(
  'a an and are as at be by did do does for from had has have he her his how in is it its of on or she that the their them they this to was were what when where which who whom whose why will with'.split(
    ' ',
  ),
);

/** The question as a websearch OR query (`w1 or w2 ...`), without stop words. */
export function fullTextQuery(question: string): string {
  const words = [...new Set(normalizeText(question).split(' '))].filter((w) => w.length > 1 && !STOP.has(w));
  return words.join(' or ');
}

/** Reciprocal rank fusion: score = Σ weight / (k + rank). */
export function reciprocalRankFusion(lists: readonly { list: Ranked; weight?: number }[], k = 60): Ranked {
  const fused = new Map<number, Ranked[number]>();
  for (const { list, weight = 1 } of lists) {
    if (weight <= 0) continue;
    list.forEach((r, rank) => {
      const add = weight / (k + rank + 1);
      const cur = fused.get(r.resourceId);
      if (cur) cur.score += add;
      else fused.set(r.resourceId, { ...r, score: add });
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.resourceId - b.resourceId);
}

/**
 * Normalised names and aliases → entity ids, for finding entity mentions in a question by
 * n-gram lookup (longest first). Build once per process and refresh with a watermark.
 */
export class AliasIndex {
  private readonly map = new Map<string, Set<number>>();
  private maxWords = 1;
  watermark = 0;

  /** Adds entries (active and inactive entities only). */
  add(entries: readonly AliasEntry[]): void {
    for (const e of entries) {
      if (e.state === 'archived' || e.normalized === '') continue;
      const set = this.map.get(e.normalized) ?? new Set<number>();
      set.add(e.entityId);
      this.map.set(e.normalized, set);
      this.maxWords = Math.max(this.maxWords, e.normalized.split(' ').length);
    }
  }

  /** Loads (or tops up) the dictionary from the reader. */
  static async load(reader: KnowledgeReader, previous?: AliasIndex): Promise<AliasIndex> {
    const index = previous ?? new AliasIndex();
    const { entries, watermark } = await reader.listAliases(
      index.watermark > 0 ? { changedSince: index.watermark } : {},
    );
    index.add(entries);
    index.watermark = watermark;
    return index;
  }

  /**
   * Entity ids mentioned in `text`, longest mentions first; single common words are ignored
   * unless capitalised in the text (so "the" or "river" do not match entities of that name).
   */
  mentions(text: string): number[] {
    const words = normalizeText(text).split(' ').filter(Boolean);
    const capitalised = new Set(
      (text.match(/\p{Lu}[\p{L}\p{N}'’-]*/gu) ?? []).map((w) => normalizeText(w)).filter(Boolean),
    );
    const found: number[] = [];
    const used = new Array<boolean>(words.length).fill(false);
    for (let n = Math.min(this.maxWords, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        if (used.slice(i, i + n).some(Boolean)) continue;
        const gram = words.slice(i, i + n).join(' ');
        if (n === 1 && (STOP.has(gram) || gram.length < 3 || !capitalised.has(gram))) continue;
        const ids = this.map.get(gram);
        if (!ids) continue;
        for (let j = i; j < i + n; j++) used[j] = true;
        for (const id of ids) if (!found.includes(id)) found.push(id);
      }
    }
    return found;
  }
}

async function resourcesOfEntities(reader: KnowledgeReader, entityIds: number[]): Promise<Ranked> {
  if (entityIds.length === 0) return [];
  const links = await reader.resourcesForEntities(entityIds);
  const order = new Map(entityIds.map((id, i) => [id, i]));
  links.sort(
    (a, b) => (order.get(a.entityId) ?? 0) - (order.get(b.entityId) ?? 0) || b.confidence - a.confidence,
  );
  return firstPerResource(links, (l) => l.confidence);
}

/**
 * Retrieves the `k` resources most relevant to `question`, best first.
 * @throws TypeError when `dense` or `hybrid` is asked for without an embedder; CancelledError
 * (`CANCELLED`) when `signal` fires.
 * @example
 * ```ts
 * const top = await retrieveResources(store, 'Which river flows through Paris?', { embedder, k: 3 });
 * ```
 */
export async function retrieveResources(
  reader: KnowledgeReader,
  question: string,
  options: RetrieveOptions = {},
): Promise<RetrievedResource[]> {
  const { signal } = options;
  throwIfAborted(signal);
  const k = Math.max(1, options.k ?? 5);
  const mode = options.mode ?? 'hybrid';
  const candidates = Math.max(k, options.candidates ?? Math.max(50, 10 * k));
  const lists: { list: Ranked; weight?: number }[] = [];
  const w = { ...DEFAULT_FUSION_WEIGHTS, ...options.weights };

  if (mode === 'dense' || mode === 'hybrid') {
    const embedder = options.embedder;
    if (!embedder) throw new TypeError(`retrieval mode ${mode} needs an embedder`);
    const modelId = options.modelId ?? embedder.modelId;
    const [vector] = await embedder.embed([question], { signal });
    if (!vector) return [];
    const wantEntities = mode === 'dense' || w.denseEntities > 0;
    const [chunks, entities] = await Promise.all([
      reader.searchChunksByVector(vector, { modelId, k: candidates }),
      wantEntities ? reader.searchEntitiesByVector(vector, { modelId, k: Math.min(candidates, 20) }) : [],
    ]);
    if (mode === 'dense') {
      // Dense alone: chunk similarity decides; entity hits only add resources not yet listed.
      const ranked = byResource(chunks);
      const extra = await resourcesOfEntities(
        reader,
        entities.map((e) => e.item.id),
      );
      const have = new Set(ranked.map((r) => r.resourceId));
      return [...ranked, ...extra.filter((r) => !have.has(r.resourceId))].slice(0, k);
    }
    lists.push({ list: byResource(chunks), weight: w.denseChunks });
    lists.push({
      list: await resourcesOfEntities(
        reader,
        entities.map((e) => e.item.id),
      ),
      weight: w.denseEntities,
    });
  }
  if (mode === 'fulltext' || mode === 'hybrid') {
    const hits = options.lexical
      ? await options.lexical(question, candidates)
      : fullTextQuery(question) === ''
        ? []
        : await reader.searchChunksFullText(fullTextQuery(question), { k: candidates });
    if (mode === 'fulltext') return byResource(hits).slice(0, k);
    lists.push({ list: byResource(hits), weight: w.fullText });
  }
  throwIfAborted(signal);
  const aliases = options.aliases ?? (await AliasIndex.load(reader));
  const mentioned = aliases.mentions(question);
  if (mentioned.length > 0)
    lists.push({ list: await resourcesOfEntities(reader, mentioned), weight: w.mentions });
  return reciprocalRankFusion(lists, options.rrfK ?? 60).slice(0, k);
}
