import { describe, expect, it } from 'vitest';
import { aChemistryKnowledgeBase } from '../../test/support/chemistry-kb';
import { HashEmbedder } from '../../test/support/memory-knowledge';
import { runNode, seed, servicesFor } from '../../test/support/run-node';
import type { Identification } from '../state';
import { entityIdentificationNode } from './entity-identification';

async function identify(
  question: string,
  level = 1,
  kb = aChemistryKnowledgeBase().kb,
  embedder?: HashEmbedder,
): Promise<Identification> {
  const services = servicesFor(kb, embedder ? { embedder } : {});
  if (embedder) await kb.index(embedder);
  const { output } = await runNode<'identification'>(
    entityIdentificationNode(services),
    seed(question, { level }),
  );
  return output.identification;
}

const keys = (id: Identification): string[] => id.mentions.map((m) => m.entity.key);

describe('entity identification', () => {
  it('finds names and aliases case- and accent-insensitively, longest match first', async () => {
    expect(keys(await identify('Who discovered HYDROGÈN?'))).toEqual(['element:H']);
    expect(keys(await identify('What is the melting point of Fe?'))).toEqual(['element:Fe']);
    const id = await identify('Which noble gas is in period 3?');
    expect(keys(id)).toEqual(['category:noble-gas', 'period:3']);
    expect(id.mentions[0]!.method).toBe('exact');
  });

  it('matches inflected names through their stems', async () => {
    const id = await identify('Which elements are noble gases?');
    expect(keys(id)).toEqual(['category:noble-gas']);
    expect(id.mentions[0]!.method).toBe('stem');
  });

  it('does not read function words as short aliases ("In", "I")', async () => {
    expect(keys(await identify('In which period is iron? I need it'))).toEqual(['element:Fe']);
    expect(keys(await identify('What is the atomic number of In?'))).toEqual(['element:In']);
  });

  it('tolerates typos only on deeper passes', async () => {
    expect(keys(await identify('What is the atomic mass of Irno?', 1))).toEqual([]);
    const deeper = await identify('What is the atomic mass of Irno?', 2);
    expect(keys(deeper)).toEqual(['element:Fe']);
    expect(deeper.mentions[0]!.method).toBe('fuzzy');
  });

  it('reports unknown names as unresolved, name-like spans', async () => {
    const id = await identify('What is the atomic mass of Vibranium?', 2);
    expect(id.mentions).toEqual([]);
    expect(id.unresolved).toEqual([expect.objectContaining({ text: 'Vibranium', nameLike: true })]);
  });

  it('falls back to vector similarity for a paraphrased name on deeper passes', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const id = await identify('Who discovered Cavendish Henry?', 2, kb, new HashEmbedder());
    expect(keys(id)).toContain('person:cavendish');
  });

  it('refreshes the alias dictionary incrementally', async () => {
    const { kb } = aChemistryKnowledgeBase();
    const services = servicesFor(kb);
    (services.aliases as unknown as { refreshIntervalMs: number }).refreshIntervalMs = 0;
    const node = entityIdentificationNode(services);
    await runNode(node, seed('What is iron?'));
    kb.addEntity({ key: 'element:Cu', type: 'element', name: 'Copper', aliases: ['Cu'] });
    kb.calls.length = 0;
    const { output } = await runNode<'identification'>(node, seed('What is the atomic mass of copper?'));
    expect(output.identification.mentions.map((m) => m.entity.name)).toEqual(['Copper']);
    expect(kb.calls.filter((c) => c === 'listAliases')).toHaveLength(1);
  });

  it('uses graph context to settle an ambiguous name', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    // The bard's name matches exactly; the element only through an alias, so it ranks second.
    kb.addEntity({ key: 'person:argon-the-bard', type: 'person', name: 'Argon' });
    kb.updateEntity(e.argon.id, { name: 'Argon (element)', aliases: ['Argon', 'Ar'] });
    const id = await identify('Is Argon a noble gas?', 1, kb);
    const argon = id.mentions.find((m) => m.text === 'Argon')!;
    expect(argon.entity.id).toBe(e.argon.id);
    expect(argon.method).toBe('graph');
    expect(argon.alternatives.map((a) => a.entity.key)).toContain('person:argon-the-bard');
  });

  it('resolves pronouns to the entities of the previous turn', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    const services = servicesFor(kb);
    const { output } = await runNode<'identification'>(entityIdentificationNode(services), {
      ...seed('And what is its atomic mass?'),
      conversation: [
        { question: 'Who discovered hydrogen?', answer: 'Henry Cavendish', entityIds: [e.hydrogen.id] },
      ],
    });
    expect(output.identification.mentions.map((m) => [m.entity.name, m.method])).toEqual([
      ['Hydrogen', 'conversation'],
    ]);
  });

  it('recognises a surname alone on deeper passes when exactly one name ends with it', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    kb.updateEntity(e.davy.id, { aliases: [] });
    expect(keys(await identify('Which elements did Davy discover?', 1, kb))).toEqual([]);
    expect(keys(await identify('Which elements did Davy discover?', 2, kb))).toEqual(['person:davy']);
  });
});
