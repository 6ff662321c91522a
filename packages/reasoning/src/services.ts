/**
 * What the default nodes share: the ports, plus in-memory indexes and caches built from the
 * store (alias dictionary, vocabulary, embeddings, the LRU active set, batched usage tracking).
 */
import type { Embedder, Generator, KnowledgePort, ResourceFetcher } from '@rustygpt/core';
import { AliasIndex } from './lexicon/alias-index';
import { EmbeddingCache } from './support/embedding-cache';
import { GraphCache } from './support/graph-cache';
import { Lru } from './support/lru';
import { ReferenceTracker } from './support/reference-tracker';
import { VocabularyCache } from './support/vocabulary-cache';

/** Thresholds of the default nodes (all scores are in [0, 1]). */
export interface ReasoningThresholds {
  /** Minimum cosine for a vector entity match. */
  vectorMention: number;
  /** Minimum cosine for an embedding match of a question word to a vocabulary name. */
  vectorTerm: number;
  /** Minimum confidence meta-reasoning accepts as an answer. */
  answer: number;
  /** Minimum score of an extracted passage answer. */
  passageAnswer: number;
}

/** Thresholds used where {@link createServices} is given none. */
export const DEFAULT_THRESHOLDS: ReasoningThresholds = {
  vectorMention: 0.82,
  vectorTerm: 0.6,
  answer: 0.3,
  passageAnswer: 0.35,
};

/**
 * The adapters a reasoner runs on. Only the store is required: without an embedder there is no
 * vector matching, without a generator answers come from templates, without a fetcher
 * resources are used only with their stored text.
 */
export interface ReasoningPorts {
  store: KnowledgePort;
  embedder?: Embedder | null;
  generator?: Generator | null;
  fetcher?: ResourceFetcher | null;
}

/** Everything the default nodes share for the lifetime of a reasoner (see the module comment). */
export interface ReasoningServices {
  store: KnowledgePort;
  embedder: Embedder | null;
  generator: Generator | null;
  fetcher: ResourceFetcher | null;
  aliases: AliasIndex;
  vocabulary: VocabularyCache;
  embeddings: EmbeddingCache | null;
  /** Entities recently used by answers (the in-memory active set), with their last use. */
  activeSet: Lru<number, number>;
  /** Recently read entities and neighbourhoods, invalidated by the alias watermark. */
  graph: GraphCache;
  references: ReferenceTracker;
  thresholds: ReasoningThresholds;
}

/** Builds the shared services over the given ports. */
export function createServices(
  ports: ReasoningPorts,
  options: { thresholds?: Partial<ReasoningThresholds>; activeSetSize?: number } = {},
): ReasoningServices {
  const embedder = ports.embedder ?? null;
  return {
    store: ports.store,
    embedder,
    generator: ports.generator ?? null,
    fetcher: ports.fetcher ?? null,
    aliases: new AliasIndex(),
    vocabulary: new VocabularyCache(ports.store),
    embeddings: embedder ? new EmbeddingCache(embedder) : null,
    activeSet: new Lru(options.activeSetSize ?? 10_000),
    graph: new GraphCache(),
    references: new ReferenceTracker(ports.store),
    thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
  };
}
