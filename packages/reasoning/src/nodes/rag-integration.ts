/**
 * Node 7, RAG integration: when the graph leaves slots empty, retrieves passages — resources
 * linked to the identified entities, chunks similar by embedding, chunks matching by full-text
 * search — fetches linked remote resources that have no stored text, and hands the passages back
 * to the orchestrator as feedback for another pass.
 */
import type { ChunkHit, ExternalResource } from '@rustygpt/core';
import { throwIfAborted } from '@rustygpt/core';
import { defineNode, type AnyNode } from '../engine/node';
import { FUNCTION_WORDS } from '../lexicon/function-words';
import type { ReasoningServices } from '../services';
import type { Passage, ReasoningState, Retrieval } from '../state';

/** Node name of RAG integration, as it appears in traces and in `Workflow.node`. */
export const RAG_INTEGRATION = 'rag-integration';

export interface RagOptions {
  /** Passages kept after fusion. */
  k?: number;
  /** Remote resources fetched at most per run. */
  maxFetches?: number;
}

/** Creates the RAG-integration node. */
export function ragIntegrationNode(
  services: ReasoningServices,
  options: RagOptions = {},
): AnyNode<ReasoningState> {
  const k = options.k ?? 8;
  const maxFetches = options.maxFetches ?? 3;
  return defineNode<ReasoningState, 'question' | 'identification' | 'assessment' | 'memory', 'retrieval'>({
    name: RAG_INTEGRATION,
    inputs: ['question', 'identification', 'assessment', 'memory'],
    outputs: ['retrieval'],
    priority: 40,
    timeoutMs: 8_000,
    fallback: () => ({ retrieval: { passages: [], entityIds: [], fetched: [] } }),
    async run({ input, notes }, signal) {
      const { question, identification, assessment } = input;
      if (assessment.decision === 'stop') {
        notes.decide('skipped', 'meta-reasoning is satisfied');
        return { retrieval: { passages: [], entityIds: [], fetched: [] } };
      }
      const entityIds = identification.mentions.map((m) => m.entity.id);
      const lists: Passage[][] = [];
      const fetched: string[] = [];

      if (entityIds.length > 0) {
        const linked = await services.store.resourcesForEntities(entityIds);
        const passages: Passage[] = [];
        for (const link of linked.sort((a, b) => b.confidence - a.confidence).slice(0, k)) {
          throwIfAborted(signal);
          let resource = link.resource;
          if (
            !resource.text &&
            services.fetcher &&
            fetched.length < maxFetches &&
            /^(https?|file):/.test(resource.uri)
          ) {
            resource = await fetchText(services, resource, signal);
            fetched.push(resource.uri);
          }
          if (resource.text) {
            passages.push({
              resource,
              text: resource.text,
              score: link.confidence,
              source: fetched.includes(resource.uri) ? 'fetched' : 'linked',
              entityId: link.entityId,
            });
          }
        }
        lists.push(passages);
      }

      // Any of the question's content words (websearch syntax "a or b"): ranking does the rest.
      const query = [
        ...new Set(identification.tokens.filter((t) => !FUNCTION_WORDS.has(t) && t !== 'or')),
      ].join(' or ');
      const searches: Promise<Passage[]>[] = [];
      if (query) {
        searches.push(
          services.store
            .searchChunksFullText(query, { k })
            .then((hits) => hits.map((h) => chunkPassage(h, 'fulltext'))),
        );
      }
      if (services.embeddings) {
        const cache = services.embeddings;
        searches.push(
          cache
            .embed([question], signal)
            .then(async ([vector]) =>
              vector && vector.some((x) => x !== 0)
                ? (
                    await services.store.searchChunksByVector(vector, { modelId: cache.embedder.modelId, k })
                  ).map((h) => chunkPassage(h, 'vector'))
                : [],
            ),
        );
      }
      lists.push(...(await Promise.all(searches)));
      const passages = fuse(lists).slice(0, k);
      const retrieval: Retrieval = {
        passages,
        entityIds: [...new Set(passages.flatMap((p) => (p.entityId ? [p.entityId] : [])))],
        fetched,
      };
      notes.touch({ resourceIds: passages.map((p) => p.resource.id), entityIds: retrieval.entityIds });
      notes.decide(
        passages.length > 0 ? 'retrieved' : 'nothing-found',
        `${passages.length} passage(s); missing: ${assessment.missing.join('; ')}`,
      );
      return { retrieval };
    },
  });
}

function chunkPassage(hit: ChunkHit, source: 'fulltext' | 'vector'): Passage {
  return { resource: hit.resource, text: hit.text, score: hit.score, source };
}

async function fetchText(
  services: ReasoningServices,
  resource: ExternalResource,
  signal: AbortSignal,
): Promise<ExternalResource> {
  try {
    const got = await services.fetcher!.fetch(resource.uri, { signal });
    return {
      ...resource,
      text: got.text,
      title: resource.title ?? got.title,
      contentType: got.contentType,
      fetchedAt: new Date(),
    };
  } catch {
    // An unreachable resource is one source less, not a failed question.
    return resource;
  }
}

/** Reciprocal-rank fusion of several ranked lists, one passage per (resource, text). */
export function fuse(lists: Passage[][]): Passage[] {
  const scores = new Map<string, { passage: Passage; score: number }>();
  for (const list of lists) {
    list.forEach((p, rank) => {
      const key = `${p.resource.id}:${p.text.slice(0, 64)}`;
      const entry = scores.get(key);
      const add = 1 / (60 + rank);
      if (entry) entry.score += add;
      else scores.set(key, { passage: p, score: add });
    });
  }
  const fused = [...scores.values()].sort((a, b) => b.score - a.score);
  const top = fused[0]?.score ?? 1;
  return fused.map((f) => ({ ...f.passage, score: f.score / top }));
}
