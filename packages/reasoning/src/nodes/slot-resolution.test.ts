import { describe, expect, it } from 'vitest';
import { aChemistryKnowledgeBase } from '../../test/support/chemistry-kb';
import { MemoryKnowledge } from '../../test/support/memory-knowledge';
import { servicesFor, upTo } from '../../test/support/run-node';
import type { SlotFrame, TermMatch } from '../state';
import { dropCoveredAcrossKinds } from './slot-resolution';

async function slots(
  question: string,
  kb: MemoryKnowledge = aChemistryKnowledgeBase().kb,
): Promise<SlotFrame> {
  return (await upTo(servicesFor(kb), question, 'slots')).slots!;
}

describe('slot resolution', () => {
  it('matches attribute names present in the store from natural wording', async () => {
    expect((await slots('What is the atomic mass of iron?')).attributes[0]!.name).toBe('atomic_mass');
    expect((await slots('What is the mass of iron?')).attributes[0]!.name).toBe('atomic_mass');
    const frame = await slots('What is the atomic number of iron?');
    expect(frame.attributes.map((a) => a.name)).toEqual(['atomic_number']);
    expect(frame.kind).toBe('attribute');
    expect(frame.filled).toEqual([
      expect.objectContaining({ kind: 'attribute', name: 'atomic_number', value: 26 }),
    ]);
  });

  it('matches relationship types through stems of their words ("discoverer" ~ discovered_by)', async () => {
    expect((await slots('Who was the discoverer of hydrogen?')).relationTypes.map((r) => r.name)).toEqual([
      'discovered_by',
    ]);
    const chain = await slots('Who named the element discovered by Henry Cavendish?');
    expect(chain.relationTypes.map((r) => r.name)).toEqual(['named_by', 'discovered_by']);
    expect(chain.entityTypes.map((t) => t.name)).toEqual(['element']);
  });

  it('classifies the answer form from the wording', async () => {
    expect((await slots('Is argon a noble gas?')).kind).toBe('yesno');
    expect((await slots('How many elements did William Ramsay discover?')).kind).toBe('count');
    expect((await slots('Which elements did Humphry Davy discover?')).kind).toBe('list');
    expect((await slots('Who discovered hydrogen?')).kind).toBe('entity');
  });

  it('uses whatever vocabulary the store has, not a built-in one', async () => {
    const kb = new MemoryKnowledge();
    const film = kb.addEntity({
      key: 'film:1',
      type: 'film',
      name: 'The Long Night',
      attributes: { running_time: 121 },
    });
    const person = kb.addEntity({ key: 'person:1', type: 'person', name: 'Mara Quist' });
    kb.relate(film, 'directed_by', person);
    const frame = await slots('Who directed The Long Night and what is its running time?', kb);
    expect(frame.relationTypes.map((r) => r.name)).toEqual(['directed_by']);
    expect(frame.attributes.map((a) => a.name)).toEqual(['running_time']);
  });

  it('records what is open when the anchor lacks the asked attribute', async () => {
    const frame = await slots('What is the melting point of hydrogen?');
    expect(frame.filled).toEqual([]);
    expect(frame.open.join()).toMatch(/no melting point recorded for Hydrogen/);
  });

  it('drops a partial match whose words a full match of another kind explains', () => {
    const m = (name: string, score: number, positions: number[]): TermMatch => ({
      name,
      score,
      positions,
      method: 'lexical',
    });
    // "What is the color of the language that TSX is grouped under?"
    const matched = {
      attribute: [m('color', 1, [3]), m('language_id', 0.5, [6])],
      relationType: [m('grouped under', 1, [9, 10])],
      entityType: [m('language', 1, [6])],
    };
    dropCoveredAcrossKinds(matched);
    expect(matched.attribute.map((a) => a.name)).toEqual(['color']);
    expect(matched.entityType.map((t) => t.name)).toEqual(['language']);
    // Two full matches of one word (a type and a relation named alike) both stay.
    const alike = { attribute: [], relationType: [m('period', 1, [5])], entityType: [m('period', 1, [5])] };
    dropCoveredAcrossKinds(alike);
    expect(alike.relationType).toHaveLength(1);
    expect(alike.entityType).toHaveLength(1);
  });
});
