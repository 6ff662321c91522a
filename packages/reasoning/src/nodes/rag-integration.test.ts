import { describe, expect, it } from 'vitest';
import type { FetchedResource, ResourceFetcher } from '@rustygpt/core';
import { aChemistryKnowledgeBase } from '../../test/support/chemistry-kb';
import { runNode, servicesFor, upTo } from '../../test/support/run-node';
import { ragIntegrationNode } from './rag-integration';

class RecordingFetcher implements ResourceFetcher {
  uris: string[] = [];
  async fetch(uri: string): Promise<FetchedResource> {
    this.uris.push(uri);
    return {
      uri,
      contentType: 'text/plain',
      title: 'Fetched',
      text: 'Helium was discovered in 1868 in the solar spectrum.',
    };
  }
}

describe('RAG integration', () => {
  it('retrieves linked and full-text passages when meta-reasoning wants more', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    const services = servicesFor(kb);
    const state = await upTo(services, 'When was hydrogen first recognised?', 'assessment', { level: 2 });
    expect(state.assessment!.decision).toBe('deeper');
    const { output, notes } = await runNode<'retrieval'>(ragIntegrationNode(services), state);
    expect(output.retrieval.passages[0]!.text).toMatch(/1766/);
    expect(output.retrieval.entityIds).toEqual([e.hydrogen.id]);
    expect(notes.resourceIds).toEqual([1]);
  });

  it('fetches linked resources that have no stored text through the ResourceFetcher', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    kb.addResource('https://example.org/helium', 'Helium', null, [e.helium]);
    const fetcher = new RecordingFetcher();
    const services = servicesFor(kb, { fetcher });
    const state = await upTo(services, 'When was helium seen in the solar spectrum?', 'assessment', {
      level: 2,
    });
    const { output } = await runNode<'retrieval'>(ragIntegrationNode(services), state);
    expect(fetcher.uris).toEqual(['https://example.org/helium']);
    expect(output.retrieval.fetched).toEqual(['https://example.org/helium']);
    expect(output.retrieval.passages.some((p) => p.source === 'fetched' && /1868/.test(p.text))).toBe(true);
  });

  it('does nothing when meta-reasoning is satisfied', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const services = servicesFor(kb);
    const state = await upTo(services, 'Who discovered hydrogen?', 'assessment');
    kb.calls.length = 0;
    const { output, notes } = await runNode<'retrieval'>(ragIntegrationNode(services), state);
    expect(output.retrieval.passages).toEqual([]);
    expect(notes.decision).toBe('skipped');
    expect(kb.calls).toEqual([]);
  });
});
