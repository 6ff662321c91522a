/**
 * Mutation-testing gate for slot resolution, second part: plural entity types read off the
 * wording (and not off words inside a name), answer forms that must not fill a slot from the
 * entity, and anchors kept in question order whatever order identification lists them in.
 */
import { describe, expect, it } from 'vitest';
import { answerKind, dropCoveredAcrossKinds, slotResolutionNode } from '../src/nodes/slot-resolution';
import type { Identification, Mention, ReasoningState, TermMatch } from '../src/state';
import { aChemistryKnowledgeBase } from './support/chemistry-kb';
import { runNode, servicesFor, upTo } from './support/run-node';
import { aMention, aTerm } from './support/slot-frame';

/** Slot resolution of `question` over the chemistry knowledge base. */
async function resolve(question: string, adjust: (state: Partial<ReasoningState>) => void = () => {}) {
  const { kb, e } = aChemistryKnowledgeBase();
  const services = servicesFor(kb);
  const state = await upTo(services, question, 'identification');
  adjust(state);
  const { output } = await runNode<'slots'>(slotResolutionNode(services), state);
  return { slots: output.slots, e };
}

describe('slot resolution wording (mutation gate)', () => {
  describe('plural entity types', () => {
    const { e } = aChemistryKnowledgeBase();
    const identified = (tokens: string[], mentions: Mention[] = []): Identification => ({
      tokens,
      mentions,
      unresolved: [],
      strategies: [],
    });
    const kindWithType = (tokens: string[], position: number, mentions: Mention[] = []) =>
      answerKind(tokens, identified(tokens, mentions), [], [], [aTerm(tokens[position]!, position)]);

    it('reads a plural type word as a list, and a singular one ending in "s" as one entity', () => {
      expect(kindWithType(['which', 'gases', 'did', 'davy', 'find'], 1)).toBe('list');
      expect(kindWithType(['which', 'gas', 'did', 'davy', 'find'], 1)).toBe('entity');
    });

    it('reads a type of several words as a list when its last word is plural', () => {
      const tokens = ['which', 'transition', 'metals', 'exist'];
      const types = [aTerm('transition_metal', 1, 2)];
      expect(answerKind(tokens, identified(tokens), [], [], types)).toBe('list');
    });

    it('does not read a plural word inside a name as a list', () => {
      const tokens = ['who', 'wrote', 'elements', 'today'];
      // "elements" is the name's only word, or one of two names.
      expect(kindWithType(tokens, 2, [aMention(e.iron, 2)])).toBe('entity');
      expect(kindWithType(tokens, 2, [aMention(e.iron, 0), aMention(e.neon, 2)])).toBe('entity');
      expect(kindWithType(tokens, 2, [aMention(e.iron, 2, 4)])).toBe('entity');
      // A name ending right before the word, or starting after it, does not cover it.
      expect(kindWithType(tokens, 2, [aMention(e.iron, 1)])).toBe('list');
      expect(kindWithType(tokens, 2, [aMention(e.iron, 0, 2)])).toBe('list');
      expect(kindWithType(tokens, 2, [aMention(e.iron, 3)])).toBe('list');
    });
  });

  it('does not fill an attribute slot, nor report it missing, when the question is yes/no', async () => {
    const iron = await resolve('Is the atomic mass of iron large?');
    expect(iron.slots.kind).toBe('yesno');
    expect(iron.slots.attributes.map((a) => a.name)).toEqual(['atomic_mass']);
    expect(iron.slots.filled).toEqual([]);
    const hydrogen = await resolve('Is the melting point of hydrogen high?');
    expect(hydrogen.slots.open).toEqual([]);
  });

  it('counts "how much" of an attribute of a related entity rather than reading it off the anchor', async () => {
    const { slots } = await resolve('How much atomic mass has the element discovered by Henry Cavendish?');
    expect(slots.relationTypes.map((r) => r.name)).toEqual(['discovered_by']);
    expect(slots.kind).toBe('count');
    expect(slots.filled).toEqual([]);
  });

  it('keeps anchors in question order even when identification lists them otherwise', async () => {
    const reversed = (state: Partial<ReasoningState>) => {
      state.identification = {
        ...state.identification!,
        mentions: [...state.identification!.mentions].reverse(),
      };
    };
    const { slots, e } = await resolve(
      'What is the melting point of hydrogen and helium and neon?',
      reversed,
    );
    expect(slots.anchors.map((a) => a.entity.id)).toEqual([e.hydrogen.id, e.helium.id, e.neon.id]);
    expect(slots.open).toEqual(['no melting point recorded for Hydrogen, Helium, Neon']);
  });

  it('keeps a partial match that a full match of another kind covers only in part', () => {
    const partial: TermMatch = { ...aTerm('melting_point', 5, 6), score: 0.5 };
    const matched = { attribute: [partial], relationType: [], entityType: [aTerm('point', 6)] };
    dropCoveredAcrossKinds(matched);
    expect(matched.attribute).toEqual([partial]);
    expect(matched.entityType).toEqual([aTerm('point', 6)]);
  });
});
