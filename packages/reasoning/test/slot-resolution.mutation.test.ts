/**
 * Mutation-testing gate for slot resolution: the answer form read from the wording, the slots
 * filled straight from the identified entities, the open questions it reports, and what it
 * records in the trace.
 */
import { describe, expect, it } from 'vitest';
import { slotResolutionNode, humanize } from '../src/nodes/slot-resolution';
import type { SlotFrame } from '../src/state';
import { aChemistryKnowledgeBase } from './support/chemistry-kb';
import { runNode, servicesFor, upTo, type RecordedNotes } from './support/run-node';

async function resolve(question: string): Promise<{ slots: SlotFrame; notes: RecordedNotes }> {
  const services = servicesFor(aChemistryKnowledgeBase().kb);
  const state = await upTo(services, question, 'identification');
  const { output, notes } = await runNode<'slots'>(slotResolutionNode(services), state);
  return { slots: output.slots, notes };
}

describe('slot resolution (mutation gate)', () => {
  it('fills an attribute from the entity and records it in the trace', async () => {
    const { kb, e } = aChemistryKnowledgeBase();
    const services = servicesFor(kb);
    const state = await upTo(services, 'What is the atomic mass of iron?', 'identification');
    const { output, notes } = await runNode<'slots'>(slotResolutionNode(services), state);
    expect(output.slots.filled).toEqual([
      {
        kind: 'attribute',
        entity: expect.objectContaining({ id: e.iron.id }),
        name: 'atomic_mass',
        value: 55.845,
      },
    ]);
    expect(output.slots.open).toEqual([]);
    expect(notes.decision).toBe('filled-from-entities');
    expect(notes.reason).toBe('attribute; attributes [atomic_mass]; relations []; types []');
    expect(notes.entityIds).toEqual([e.iron.id]);
  });

  it('says which attribute is not recorded for which entity', async () => {
    const { slots, notes } = await resolve('What is the melting point of hydrogen?');
    expect(slots.filled).toEqual([]);
    expect(slots.open).toEqual(['no melting point recorded for Hydrogen']);
    expect(notes.decision).toBe('open');
    expect(notes.entityIds).toEqual([]);
  });

  it('leaves relation questions to traversal and lists relations and types in the trace', async () => {
    const { slots, notes } = await resolve('Who named the element discovered by Henry Cavendish?');
    expect(slots.kind).toBe('entity');
    expect(slots.open).toEqual([]);
    expect(slots.filled).toEqual([]);
    expect(notes.decision).toBe('needs-traversal');
    expect(notes.reason).toBe('entity; attributes []; relations [named_by, discovered_by]; types [element]');
    expect(slots.freeWords).toEqual([]);
  });

  it('reports words it could not place, and unknown names, as open', async () => {
    expect((await resolve('What about the blorf of hydrogen?')).slots.open).toEqual([
      'nothing recorded about "blorf" of Hydrogen',
    ]);
    expect((await resolve('What is the atomic mass of Vibranium?')).slots.open).toEqual([
      'no entity named "Vibranium" in the knowledge base',
    ]);
    expect((await resolve('Tell me something')).slots.open).toEqual([
      'no entity matching "something" in the knowledge base',
    ]);
    expect((await resolve('What is it?')).slots.open).toEqual(['no entity named in the question']);
    const yesno = await resolve('Is hydrogen related to neon?');
    expect(yesno.slots.kind).toBe('yesno');
    expect(yesno.slots.open).toEqual([]);
  });

  it('reads the answer form from the wording', async () => {
    expect((await resolve('Is hydrogen a noble gas?')).slots.kind).toBe('yesno');
    expect((await resolve('Is it true which element Henry Cavendish discovered?')).slots.kind).not.toBe(
      'yesno',
    );
    expect((await resolve('How many elements are noble gases?')).slots.kind).toBe('count');
    expect((await resolve('How much atomic mass does iron have?')).slots.kind).toBe('attribute');
    expect((await resolve('Which elements did Henry Cavendish discover?')).slots.kind).toBe('list');
    expect((await resolve('List the elements discovered by Henry Cavendish')).slots.kind).toBe('list');
    expect((await resolve('What are the noble gases?')).slots.kind).toBe('list');
    expect((await resolve('Who discovered hydrogen?')).slots.kind).toBe('entity');
    expect(
      (await resolve('What is the atomic mass of the element discovered by Henry Cavendish?')).slots.kind,
    ).toBe('attribute');
  });

  it('keeps the words it did not use as free words', async () => {
    const { slots } = await resolve('What about the blorf of hydrogen?');
    expect(slots.freeWords).toEqual(['blorf']);
  });

  it('humanizes vocabulary names', () => {
    expect(humanize('atomic_mass')).toBe('atomic mass');
  });
});
