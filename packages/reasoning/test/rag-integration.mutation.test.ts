/**
 * Mutation-testing gate for RAG integration: reciprocal-rank fusion, which linked resources are
 * fetched (scheme, cap, failures), how many passages are kept, the full-text query it sends, when
 * it searches by vector, and what it records in the trace.
 */
import { describe, expect, it } from 'vitest';
import type { FetchedResource, ResourceFetcher } from '@rustygpt/core';
import { fuse, ragIntegrationNode, type RagOptions } from '../src/nodes/rag-integration';
import type { Passage, Retrieval } from '../src/state';
import { aChemistryKnowledgeBase } from './support/chemistry-kb';
import { HashEmbedder, type MemoryKnowledge } from './support/memory-knowledge';
import { runNode, servicesFor, upTo, type RecordedNotes } from './support/run-node';

const passage = (id: number, text: string): Passage => ({
  resource: {
    id,
    workspaceId: 1,
    uri: `https://example.org/${id}`,
    title: null,
    contentType: 'text/plain',
    text,
    contentHash: null,
    fetchedAt: null,
  },
  text,
  score: 0,
  source: 'fulltext',
});

class ScriptedFetcher implements ResourceFetcher {
  readonly uris: string[] = [];
  constructor(private readonly failing: Set<string> = new Set()) {}
  async fetch(uri: string): Promise<FetchedResource> {
    this.uris.push(uri);
    if (this.failing.has(uri)) throw new Error(`unreachable ${uri}`);
    return { uri, contentType: 'text/html', title: 'Fetched title', text: `Helium notes from ${uri}.` };
  }
}

async function retrieve(
  kb: MemoryKnowledge,
  question: string,
  ports: { fetcher?: ResourceFetcher; embedder?: HashEmbedder } = {},
  options: RagOptions = {},
): Promise<{ retrieval: Retrieval; notes: RecordedNotes }> {
  const services = servicesFor(kb, ports);
  const state = await upTo(services, question, 'assessment', { level: 2 });
  expect(state.assessment!.decision).not.toBe('stop');
  const { output, notes } = await runNode<'retrieval'>(ragIntegrationNode(services, options), state);
  return { retrieval: output.retrieval, notes };
}

describe('fuse (reciprocal-rank fusion)', () => {
  it('adds 1/(60 + rank) per list and scales the best to 1', () => {
    const a = passage(1, 'alpha');
    const b = passage(2, 'beta');
    const c = passage(3, 'gamma');
    const fused = fuse([
      [a, b],
      [b, c],
    ]);
    expect(fused.map((p) => p.resource.id)).toEqual([2, 1, 3]);
    const top = 1 / 61 + 1 / 60;
    expect(fused[0]!.score).toBe(1);
    expect(fused[1]!.score).toBeCloseTo(1 / 60 / top, 12);
    expect(fused[2]!.score).toBeCloseTo(1 / 61 / top, 12);
    expect(fuse([])).toEqual([]);
    expect(fuse([[a]])[0]).toEqual({ ...a, score: 1 });
  });

  it('merges passages of one resource that share their first 64 characters', () => {
    const head = 'x'.repeat(64);
    const merged = fuse([[passage(1, `${head} one`)], [passage(1, `${head} two`)]]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.text).toBe(`${head} one`);
    const apart = fuse([[passage(1, `${head.slice(1)}a tail`)], [passage(1, `${head.slice(1)}b tail`)]]);
    expect(apart).toHaveLength(2);
    expect(fuse([[passage(1, 'same')], [passage(2, 'same')]])).toHaveLength(2);
  });
});

describe('RAG integration node (mutation gate)', () => {
  it('records how many passages it found and what was missing', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    const { retrieval, notes } = await retrieve(kb, 'When was hydrogen first recognised?');
    expect(notes.decision).toBe('retrieved');
    expect(notes.reason).toMatch(/^1 passage\(s\); missing: ./);
    expect(retrieval.passages).toHaveLength(1);
    expect(retrieval.passages[0]).toMatchObject({ source: 'linked', entityId: e.hydrogen.id, score: 1 });
    expect(notes.entityIds).toEqual([e.hydrogen.id]);
    expect(retrieval.fetched).toEqual([]);
  });

  it('says nothing was found when no source has a passage', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const { retrieval, notes } = await retrieve(kb, 'What is the atomic mass of Vibranium?');
    expect(retrieval).toEqual({ passages: [], entityIds: [], fetched: [] });
    expect(notes.decision).toBe('nothing-found');
    expect(notes.reason).toBe('0 passage(s); missing: no entity named "Vibranium" in the knowledge base');
  });

  it('searches full text for the content words only, joined with "or"', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const queries: string[] = [];
    const search = kb.searchChunksFullText.bind(kb);
    kb.searchChunksFullText = (query, options) => {
      queries.push(query);
      return search(query, options);
    };
    await retrieve(kb, 'When was hydrogen first recognised or first seen?');
    expect(queries).toHaveLength(1);
    const words = queries[0]!.split(' or ');
    expect(words).toEqual(expect.arrayContaining(['hydrogen', 'first', 'recognised', 'seen']));
    expect(words).not.toContain('when');
    expect(words).not.toContain('was');
    expect(words).not.toContain('or');
    expect(words.filter((w) => w === 'first')).toHaveLength(1);
  });

  it('fetches text-less linked resources over http(s) and file only, at most 3 by default', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    for (const uri of ['urn:isbn:1', 'ftp://example.org/a', 'file:///docs/helium.txt'])
      kb.addResource(uri, null, null, [e.helium]);
    for (const n of [1, 2, 3]) kb.addResource(`https://example.org/he${n}`, 'Stored title', null, [e.helium]);
    const fetcher = new ScriptedFetcher();
    const { retrieval } = await retrieve(kb, 'When was helium seen in the solar spectrum?', { fetcher });
    expect(fetcher.uris).toEqual([
      'file:///docs/helium.txt',
      'https://example.org/he1',
      'https://example.org/he2',
    ]);
    expect(retrieval.fetched).toEqual(fetcher.uris);
    const fetched = retrieval.passages.filter((p) => p.source === 'fetched');
    expect(fetched.map((p) => p.resource.uri).sort()).toEqual([...fetcher.uris].sort());
    const he1 = fetched.find((p) => p.resource.uri === 'https://example.org/he1')!;
    expect(he1.resource).toMatchObject({ title: 'Stored title', contentType: 'text/html' });
    expect(he1.resource.fetchedAt).toBeInstanceOf(Date);
    expect(he1).toMatchObject({ entityId: e.helium.id, text: 'Helium notes from https://example.org/he1.' });
    const local = fetched.find((p) => p.resource.uri.startsWith('file:'))!;
    expect(local.resource.title).toBe('Fetched title');
  });

  it('honours maxFetches and keeps going when a fetch fails', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    kb.addResource('https://example.org/down', null, null, [e.helium]);
    kb.addResource('https://example.org/up', null, null, [e.helium]);
    const fetcher = new ScriptedFetcher(new Set(['https://example.org/down']));
    const { retrieval, notes } = await retrieve(kb, 'When was helium seen?', { fetcher }, { maxFetches: 2 });
    expect(fetcher.uris).toEqual(['https://example.org/down', 'https://example.org/up']);
    expect(retrieval.passages.map((p) => p.resource.uri)).toEqual(['https://example.org/up']);
    expect(notes.decision).toBe('retrieved');

    const one = new ScriptedFetcher();
    const capped = await retrieve(kb, 'When was helium seen?', { fetcher: one }, { maxFetches: 1 });
    expect(one.uris).toEqual(['https://example.org/down']);
    expect(capped.retrieval.fetched).toEqual(['https://example.org/down']);
  });

  it('keeps the k most confident linked resources (8 by default)', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    for (let n = 1; n <= 9; n++)
      kb.addResource(`https://example.org/n${n}`, null, `Neon fact ${n}.`, [e.neon]);
    const all = await retrieve(kb, 'When was neon first seen?');
    expect(all.retrieval.passages).toHaveLength(8);
    const two = await retrieve(kb, 'When was neon first seen?', {}, { k: 2 });
    expect(two.retrieval.passages).toHaveLength(2);
  });

  it('adds vector hits when an embedder is configured', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const embedder = new HashEmbedder();
    await kb.index(embedder);
    kb.calls.length = 0;
    const { retrieval } = await retrieve(kb, 'When was hydrogen first recognised?', { embedder });
    expect(kb.calls).toContain('searchChunksByVector');
    expect(retrieval.passages).toHaveLength(1);
    expect(retrieval.passages[0]!.score).toBe(1);
  });
});
