/**
 * Mutation-testing gate for relationship traversal: which entities a slot frame leads to (direct
 * links, intersections of several anchors, chains of relationship types in the order closest to
 * the anchors, entity types as intermediate hops, transitive walks on deeper passes), the facts
 * that support them, yes/no verdicts, and what the node records in the trace.
 */
import type { Entity } from '@rustygpt/core';
import { describe, expect, it } from 'vitest';
import { initialMemory } from '../src/default-workflow';
import { RELATIONSHIP_TRAVERSAL, relationshipTraversalNode } from '../src/nodes/relationship-traversal';
import type { Fact, Resolution, SlotFrame } from '../src/state';
import { aChemistryKnowledgeBase } from './support/chemistry-kb';
import type { MemoryKnowledge } from './support/memory-knowledge';
import { runNode, servicesFor, upTo, type RecordedNotes } from './support/run-node';
import { aMention, anAttributeFact, aSlotFrame, aTerm } from './support/slot-frame';
import { aLibraryKnowledgeBase, aScholarsKnowledgeBase } from './support/traversal-kb';

async function traverse(
  kb: MemoryKnowledge,
  slots: SlotFrame,
  level = 1,
  signal?: AbortSignal,
): Promise<{ resolution: Resolution; notes: RecordedNotes }> {
  const node = relationshipTraversalNode(servicesFor(kb));
  const { output, notes } = await runNode<'resolution'>(
    node,
    { slots, memory: { ...initialMemory(), level } },
    signal,
  );
  return { resolution: output.resolution, notes };
}

const names = (entities: Entity[]): string[] => entities.map((e) => e.name);

/** Facts as readable lines: `Hydrogen discovered_by Henry Cavendish`, `Iron.melting_point = 1811`. */
const lines = (facts: Fact[]): string[] =>
  facts.map((f) =>
    f.kind === 'relationship'
      ? `${f.from.name} ${f.relationship.type} ${f.to.name}`
      : `${f.entity.name}.${f.name} = ${String(f.value)}`,
  );

const sorted = (ids: number[]): number[] => [...ids].sort((a, b) => a - b);

describe('relationship traversal (mutation gate)', () => {
  describe('node', () => {
    it('reads the slots and memory and writes the resolution, ahead of lower-priority nodes', () => {
      const node = relationshipTraversalNode(servicesFor(aChemistryKnowledgeBase().kb));
      expect(node.name).toBe(RELATIONSHIP_TRAVERSAL);
      expect(RELATIONSHIP_TRAVERSAL).toBe('relationship-traversal');
      expect(node.inputs).toEqual(['slots', 'memory']);
      expect(node.outputs).toEqual(['resolution']);
      expect(node.priority).toBe(80);
      expect(node.timeoutMs).toBe(8_000);
    });

    it('answers a chain question end to end and records the plan and explored entities', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const services = servicesFor(kb);
      const state = await upTo(services, 'Who named the element discovered by Henry Cavendish?', 'slots');
      const { output, notes } = await runNode<'resolution'>(relationshipTraversalNode(services), state);
      const { resolution } = output;
      expect(names(resolution.targets)).toEqual(['Antoine Lavoisier']);
      expect(resolution.verdict).toBeNull();
      expect(resolution.values).toEqual([]);
      expect(lines(resolution.facts)).toEqual([
        'Hydrogen discovered_by Henry Cavendish',
        'Hydrogen named_by Antoine Lavoisier',
      ]);
      expect(resolution.plan).toBe('discovered_by > named_by');
      expect(notes.decision).toBe('resolved');
      expect(notes.reason).toBe('discovered_by > named_by');
      // Cavendish's and Hydrogen's neighbourhoods were read: Hydrogen's period too.
      expect(sorted(notes.entityIds)).toEqual(
        sorted([e.hydrogen.id, e.cavendish.id, e.lavoisier.id, e.period1.id]),
      );
      expect(sorted(resolution.explored)).toEqual(sorted(notes.entityIds));
    });

    it('is unresolved, with the reason, when the question names no entity', async () => {
      const { kb } = aChemistryKnowledgeBase();
      const { resolution, notes } = await traverse(
        kb,
        aSlotFrame({ relationTypes: [aTerm('discovered_by', 1)] }),
      );
      expect(resolution).toEqual({
        targets: [],
        values: [],
        verdict: null,
        facts: [],
        explored: [],
        plan: 'no anchor entity',
      });
      expect(notes.decision).toBe('unresolved');
      expect(notes.reason).toBe('no anchor entity');
      expect(notes.entityIds).toEqual([]);
    });

    it('stops before reading the graph when the run is cancelled', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const controller = new AbortController();
      controller.abort(new Error('cancelled by the user'));
      await expect(
        traverse(
          kb,
          aSlotFrame({ anchors: [aMention(e.cavendish, 3)], relationTypes: [aTerm('discovered_by', 1)] }),
          1,
          controller.signal,
        ),
      ).rejects.toThrow();
      expect(kb.calls).toEqual([]);
    });
  });

  describe('direct links', () => {
    it('follows one relationship type in either direction and cites each link the right way round', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // "Which elements did Ramsay discover?": the links point at Ramsay.
      const fromPerson = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.ramsay, 2)],
          relationTypes: [aTerm('discovered_by', 3)],
        }),
      );
      expect(names(fromPerson.resolution.targets)).toEqual(['Neon', 'Argon', 'Helium']);
      expect(lines(fromPerson.resolution.facts)).toEqual([
        'Neon discovered_by William Ramsay',
        'Argon discovered_by William Ramsay',
        'Helium discovered_by William Ramsay',
      ]);
      expect(fromPerson.resolution.plan).toBe('discovered_by');
      // "Who discovered helium?": the link points away from helium.
      const fromElement = await traverse(
        kb,
        aSlotFrame({ anchors: [aMention(e.helium, 2)], relationTypes: [aTerm('discovered_by', 1)] }),
      );
      expect(names(fromElement.resolution.targets)).toEqual(['William Ramsay']);
      expect(lines(fromElement.resolution.facts)).toEqual(['Helium discovered_by William Ramsay']);
    });

    it('lists heavier links first and leaves out archived entities', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      const { resolution, notes } = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.herbert, 3, 5)],
          relationTypes: [aTerm('written_by', 2)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Dune', 'Dune Messiah', 'The Green Brain', 'On Sandworms']);
      expect(resolution.facts).toHaveLength(4);
      // The archived draft was seen (explored) but is no answer.
      expect(notes.entityIds).toContain(e.lostDraft.id);
    });

    it('says there is no path when the anchor has no link of the named type', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const { resolution, notes } = await traverse(
        kb,
        aSlotFrame({ anchors: [aMention(e.iron, 3)], relationTypes: [aTerm('discovered_by', 1)] }),
      );
      expect(resolution.targets).toEqual([]);
      expect(resolution.facts).toEqual([]);
      expect(resolution.plan).toBe('no path via discovered_by');
      expect(sorted(resolution.explored)).toEqual(sorted([e.iron.id, e.transition.id, e.period4.id]));
      expect(notes.decision).toBe('unresolved');
    });

    it('answers with the anchor itself when nothing else is asked', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const { resolution, notes } = await traverse(kb, aSlotFrame({ anchors: [aMention(e.iron, 2)] }));
      expect(names(resolution.targets)).toEqual(['Iron']);
      expect(resolution.facts).toEqual([]);
      expect(resolution.plan).toBe('anchor itself');
      expect(notes.decision).toBe('resolved');
    });
  });

  describe('attributes', () => {
    it('answers an attribute the anchor carries from the filled slots, without walking', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const { resolution, notes } = await traverse(
        kb,
        aSlotFrame({
          kind: 'attribute',
          anchors: [aMention(e.iron, 5)],
          attributes: [aTerm('atomic_mass', 3, 4)],
          filled: [anAttributeFact(e.iron, 'atomic_mass')],
        }),
      );
      expect(resolution.values).toEqual([{ entity: e.iron, name: 'atomic_mass', value: 55.845 }]);
      expect(names(resolution.targets)).toEqual(['Iron']);
      expect(lines(resolution.facts)).toEqual(['Iron.atomic_mass = 55.845']);
      expect(resolution.plan).toBe('attribute of anchor (atomic_mass)');
      expect(resolution.explored).toEqual([]);
      expect(notes.decision).toBe('resolved');
    });

    it('prefers the anchor’s own attribute over a relationship named by the same word', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // "What is the period of iron?" where "period" also matched an iron attribute.
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'attribute',
          anchors: [aMention(e.iron, 5)],
          attributes: [aTerm('melting_point', 3)],
          relationTypes: [aTerm('period', 3)],
          filled: [anAttributeFact(e.iron, 'melting_point')],
        }),
      );
      expect(resolution.plan).toBe('attribute of anchor (melting_point)');
      expect(resolution.values).toEqual([{ entity: e.iron, name: 'melting_point', value: 1811 }]);
      // A two-word attribute ("melting point") that shares one word with the relationship.
      const twoWords = await traverse(
        kb,
        aSlotFrame({
          kind: 'attribute',
          anchors: [aMention(e.iron, 6)],
          attributes: [aTerm('melting_point', 3, 4)],
          relationTypes: [aTerm('period', 4)],
          filled: [anAttributeFact(e.iron, 'melting_point')],
        }),
      );
      expect(twoWords.resolution.plan).toBe('attribute of anchor (melting_point)');
    });

    it('lists every attribute filled from the anchor', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'attribute',
          anchors: [aMention(e.iron, 7)],
          attributes: [aTerm('atomic_mass', 2, 3), aTerm('atomic_number', 5, 6)],
          filled: [anAttributeFact(e.iron, 'atomic_mass'), anAttributeFact(e.iron, 'atomic_number')],
        }),
      );
      expect(resolution.plan).toBe('attribute of anchor (atomic_mass, atomic_number)');
      expect(resolution.values.map((v) => v.value)).toEqual([55.845, 26]);
      expect(names(resolution.targets)).toEqual(['Iron', 'Iron']);
    });

    it('keeps the relationship when the attribute word is elsewhere or the anchor lacks it', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const elsewhere = await traverse(
        kb,
        aSlotFrame({
          kind: 'attribute',
          anchors: [aMention(e.iron, 5)],
          attributes: [aTerm('melting_point', 2)],
          relationTypes: [aTerm('period', 3)],
          filled: [anAttributeFact(e.iron, 'melting_point')],
        }),
      );
      expect(elsewhere.resolution.plan).toBe('period > no melting_point on targets');
      expect(names(elsewhere.resolution.targets)).toEqual(['Period 4']);
      const lacking = await traverse(
        kb,
        aSlotFrame({
          kind: 'attribute',
          anchors: [aMention(e.hydrogen, 5)],
          attributes: [aTerm('melting_point', 3)],
          relationTypes: [aTerm('period', 3)],
        }),
      );
      expect(lacking.resolution.plan).toBe('period > no melting_point on targets');
      expect(lacking.resolution.values).toEqual([]);
    });

    it('reads the asked attribute off the targets of a chain', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'attribute',
          anchors: [aMention(e.cavendish, 8, 10)],
          attributes: [aTerm('melting_point', 2, 3), aTerm('atomic_mass', 2, 3)],
          relationTypes: [aTerm('discovered_by', 7)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Hydrogen']);
      expect(resolution.values).toEqual([{ entity: e.hydrogen, name: 'atomic_mass', value: 1.008 }]);
      expect(resolution.plan).toBe('discovered_by > attribute atomic_mass');
      expect(lines(resolution.facts)).toEqual([
        'Hydrogen discovered_by Henry Cavendish',
        'Hydrogen.atomic_mass = 1.008',
      ]);
    });

    it('says which attributes the targets lack, and reads none for a list question', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const missing = await traverse(
        kb,
        aSlotFrame({
          kind: 'attribute',
          anchors: [aMention(e.cavendish, 8, 10)],
          attributes: [aTerm('melting_point', 2), aTerm('boiling_point', 3)],
          relationTypes: [aTerm('discovered_by', 7)],
        }),
      );
      expect(missing.resolution.values).toEqual([]);
      expect(missing.resolution.plan).toBe('discovered_by > no melting_point/boiling_point on targets');
      expect(missing.notes.decision).toBe('resolved');
      const list = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.cavendish, 8, 10)],
          attributes: [aTerm('atomic_mass', 2)],
          relationTypes: [aTerm('discovered_by', 7)],
        }),
      );
      expect(list.resolution.values).toEqual([]);
      expect(list.resolution.plan).toBe('discovered_by');
      // An attribute-shaped question without an attribute word reads no values.
      const noAttribute = await traverse(
        kb,
        aSlotFrame({
          kind: 'attribute',
          anchors: [aMention(e.cavendish, 8, 10)],
          relationTypes: [aTerm('discovered_by', 7)],
        }),
      );
      expect(noAttribute.resolution.plan).toBe('discovered_by');
      expect(noAttribute.resolution.values).toEqual([]);
    });
  });

  describe('chains', () => {
    it('follows the relationship type nearest the anchor first (anchor last in the question)', async () => {
      const { kb, e } = aScholarsKnowledgeBase();
      // "Who is the colleague of the mentor of Ada?"
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.ada, 8)],
          relationTypes: [aTerm('colleague_of', 3), aTerm('mentored_by', 6)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['John Herschel']);
      expect(resolution.plan).toBe('mentored_by > colleague_of');
      expect(lines(resolution.facts)).toEqual([
        'Ada Lovelace mentored_by Charles Babbage',
        'Charles Babbage colleague_of John Herschel',
      ]);
    });

    it('follows the relationship type nearest the anchor first (anchor first in the question)', async () => {
      const { kb, e } = aScholarsKnowledgeBase();
      // "Ada's colleague's mentor?"
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.ada, 0, 2)],
          relationTypes: [aTerm('mentored_by', 4), aTerm('colleague_of', 2)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Augustus De Morgan']);
      expect(resolution.plan).toBe('colleague_of > mentored_by');
    });

    it('measures the distance to the nearest anchor', async () => {
      const { kb, e } = aScholarsKnowledgeBase();
      // Two anchors with no common neighbour: mentored_by (8) is next to the second anchor (6),
      // though colleague_of (3) is nearer Ada (0); every anchor is walked from.
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.ada, 0), aMention(e.unlinked, 6, 7)],
          relationTypes: [aTerm('colleague_of', 3), aTerm('mentored_by', 8)],
        }),
      );
      expect(resolution.plan).toBe('each anchor > mentored_by > colleague_of');
      expect(names(resolution.targets)).toEqual(['John Herschel']);
    });

    it('counts the words between a type and the anchor alike on both sides', async () => {
      const { kb, e } = aScholarsKnowledgeBase();
      // colleague_of (1) is one word before Ada (3), mentored_by (6) two words after her.
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.ada, 3, 4)],
          relationTypes: [aTerm('mentored_by', 6), aTerm('colleague_of', 1)],
        }),
      );
      expect(resolution.plan).toBe('colleague_of > mentored_by');
      expect(names(resolution.targets)).toEqual(['Augustus De Morgan']);
    });

    it('measures the distance from the nearest word of a type', async () => {
      const { kb, e } = aScholarsKnowledgeBase();
      // "Mentor: who is the colleague of the one who mentored Ada?"
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.ada, 8)],
          relationTypes: [aTerm('colleague_of', 4), aTerm('mentored_by', 0, 7)],
        }),
      );
      expect(resolution.plan).toBe('mentored_by > colleague_of');
      expect(names(resolution.targets)).toEqual(['John Herschel']);
    });

    it('tries the other order when the nearest type leads nowhere', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // "Who named the element discovered by Cavendish", with named_by nearer the anchor.
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.cavendish, 0)],
          relationTypes: [aTerm('discovered_by', 5), aTerm('named_by', 1)],
        }),
      );
      expect(resolution.plan).toBe('discovered_by > named_by');
      expect(names(resolution.targets)).toEqual(['Antoine Lavoisier']);
    });

    it('treats types matched by the same words as alternatives for one hop', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // "Who found hydrogen?": "found" matched both named_by and discovered_by.
      const first = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.hydrogen, 2)],
          relationTypes: [aTerm('named_by', 1), aTerm('discovered_by', 1)],
        }),
      );
      expect(first.resolution.plan).toBe('named_by');
      expect(names(first.resolution.targets)).toEqual(['Antoine Lavoisier']);
      // Helium was never named_by anyone: the alternative is taken.
      const alternative = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.helium, 2)],
          relationTypes: [aTerm('named_by', 1), aTerm('discovered_by', 1)],
        }),
      );
      expect(alternative.resolution.plan).toBe('discovered_by');
      expect(names(alternative.resolution.targets)).toEqual(['William Ramsay']);
    });

    it('keeps only the facts on a path to a final target', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // "In which periods are the elements Ramsay discovered?": neon has no period recorded.
      kb.relationships.splice(
        kb.relationships.findIndex((r) => r.fromId === e.argon.id && r.type === 'period'),
        1,
      );
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.ramsay, 7)],
          relationTypes: [aTerm('period', 3), aTerm('discovered_by', 6)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Period 1']);
      expect(lines(resolution.facts)).toEqual([
        'Helium discovered_by William Ramsay',
        'Helium period Period 1',
      ]);
      expect(resolution.explored).toEqual(expect.arrayContaining([e.neon.id, e.argon.id]));
    });

    it('does not walk back round a cycle to where it started', async () => {
      const { kb, e } = aScholarsKnowledgeBase();
      // "Who are the colleagues of Ada's colleagues?": only Ada herself, which does not count.
      const { resolution, notes } = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.ada, 0)],
          relationTypes: [aTerm('colleague_of', 2), aTerm('colleague_of', 4)],
        }),
      );
      expect(resolution.targets).toEqual([]);
      expect(resolution.plan).toBe('no path via colleague_of > colleague_of');
      expect(notes.decision).toBe('unresolved');
    });

    it('counts a target reached along several links once', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // "Which categories do Ramsay's elements belong to?": three links to one category.
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.ramsay, 4)],
          relationTypes: [aTerm('category', 1), aTerm('discovered_by', 3)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Noble gas']);
      expect(resolution.facts).toHaveLength(6);
    });

    it('uses an entity type named in the question as an intermediate hop', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      // "Where was the person who wrote Dune born?"
      const { resolution, notes } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.dune, 7)],
          relationTypes: [aTerm('born_in', 4)],
          entityTypes: [aTerm('company', 1), aTerm('person', 3)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Tacoma']);
      expect(resolution.plan).toBe('person > born_in');
      expect(lines(resolution.facts)).toEqual([
        'Dune written_by Frank Herbert',
        'Frank Herbert born_in Tacoma',
      ]);
      expect(notes.decision).toBe('resolved');
    });

    it('tries intermediate entity types in question order', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      kb.relate(e.chilton, 'born_in', e.philadelphia);
      const slots = (company: number, person: number): SlotFrame =>
        aSlotFrame({
          anchors: [aMention(e.dune, 7)],
          relationTypes: [aTerm('born_in', 4)],
          entityTypes: [aTerm('person', person), aTerm('company', company)],
        });
      const companyFirst = await traverse(kb, slots(1, 3));
      expect(companyFirst.resolution.plan).toBe('company > born_in');
      expect(names(companyFirst.resolution.targets)).toEqual(['Philadelphia']);
      const personFirst = await traverse(kb, slots(3, 1));
      expect(personFirst.resolution.plan).toBe('person > born_in');
      expect(names(personFirst.resolution.targets)).toEqual(['Tacoma']);
    });
  });

  describe('several anchors', () => {
    it('intersects the anchors along the relationship types that connect them', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // "Which element discovered by Ramsay is in period 1?"
      const { resolution, notes } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.ramsay, 4), aMention(e.period1, 8, 10)],
          relationTypes: [aTerm('discovered_by', 3), aTerm('period', 8)],
          entityTypes: [aTerm('element', 1)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Helium']);
      expect(resolution.plan).toBe('intersect(2) via discovered_by, period');
      expect(lines(resolution.facts)).toEqual([
        'Helium discovered_by William Ramsay',
        'Helium period Period 1',
      ]);
      expect(notes.decision).toBe('resolved');
    });

    it('intersects on any link when no named type connects, and filters by the asked type', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // "Which of Ramsay's elements are noble gases?" (no relationship word)
      const any = await traverse(
        kb,
        aSlotFrame({ kind: 'list', anchors: [aMention(e.ramsay, 3), aMention(e.nobleGas, 6, 8)] }),
      );
      expect(names(any.resolution.targets)).toEqual(['Neon', 'Argon', 'Helium']);
      expect(any.resolution.plan).toBe('intersect(2)');
      expect(any.resolution.facts).toHaveLength(6);
      // "Which period are helium and hydrogen in?": Period 1 is all they share.
      const typed = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.helium, 1), aMention(e.hydrogen, 3)],
          entityTypes: [aTerm('period', 5)],
        }),
      );
      expect(names(typed.resolution.targets)).toEqual(['Period 1']);
      expect(typed.resolution.plan).toBe('intersect(2)');
    });

    it('walks on from the intersection with the types it did not use', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // "Who discovered the element in period 1 named by Lavoisier?"
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.period1, 6, 8), aMention(e.lavoisier, 10)],
          relationTypes: [aTerm('discovered_by', 1), aTerm('named_by', 9), aTerm('period', 6)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Henry Cavendish']);
      expect(resolution.plan).toBe('intersect(2) via period, named_by > discovered_by');
      expect(lines(resolution.facts)).toEqual([
        'Hydrogen period Period 1',
        'Hydrogen named_by Antoine Lavoisier',
        'Hydrogen discovered_by Henry Cavendish',
      ]);
    });

    it('walks from each anchor when they share no neighbour', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // "Which elements did Cavendish and Davy discover?"
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.cavendish, 3), aMention(e.davy, 5)],
          relationTypes: [aTerm('discovered_by', 6)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Hydrogen', 'Sodium', 'Potassium']);
      expect(resolution.plan).toBe('each anchor > discovered_by');
    });

    it('says there is no path from any anchor', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const { resolution, notes } = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.cavendish, 3), aMention(e.davy, 5)],
          relationTypes: [aTerm('named_by', 6)],
        }),
      );
      expect(resolution.plan).toBe('each anchor > no path via named_by');
      expect(resolution.targets).toEqual([]);
      expect(notes.decision).toBe('unresolved');
    });

    it('links each named type to one anchor only, and the other anchors by any link', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      kb.relate(e.indium, 'discovered_by', e.lavoisier);
      // "Which element discovered by Cavendish is linked to Lavoisier?": Lavoisier named it.
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.cavendish, 4), aMention(e.lavoisier, 8)],
          relationTypes: [aTerm('discovered_by', 3)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Hydrogen']);
      expect(resolution.plan).toBe('intersect(2) via discovered_by');
      expect(lines(resolution.facts)).toEqual([
        'Hydrogen discovered_by Henry Cavendish',
        'Hydrogen named_by Antoine Lavoisier',
      ]);
    });

    it('does not intersect on other links when an anchor has links of the named type', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      // "Where was the author born, Frank Herbert of Chilton Books?": Dune links both, but
      // Herbert's born_in links decide his side.
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.herbert, 5, 7), aMention(e.chilton, 8, 10)],
          relationTypes: [aTerm('born_in', 3)],
        }),
      );
      expect(resolution.plan).toBe('each anchor > born_in');
      expect(names(resolution.targets)).toEqual(['Tacoma']);
    });

    it('narrows the common neighbours to the asked type, and keeps them all if none has it', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      kb.relate(e.herbert, 'lived_in', e.philadelphia);
      const ask = (type: string) =>
        traverse(
          kb,
          aSlotFrame({
            kind: 'list',
            anchors: [aMention(e.herbert, 3, 5), aMention(e.chilton, 6, 8)],
            entityTypes: [aTerm(type, 1)],
          }),
        );
      const city = await ask('city');
      expect(names(city.resolution.targets)).toEqual(['Philadelphia']);
      expect(city.resolution.plan).toBe('intersect(2)');
      expect(lines(city.resolution.facts)).toEqual([
        'Frank Herbert lived_in Philadelphia',
        'Chilton Books located_in Philadelphia',
      ]);
      const film = await ask('film');
      expect(names(film.resolution.targets)).toEqual(['Philadelphia', 'Dune']);
      expect(film.resolution.plan).toBe('intersect(2)');
    });

    it('counts an anchor named twice once, and never answers with an anchor', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // A self-link and a link between the anchors must not make an anchor its own answer.
      kb.relate(e.helium, 'related_to', e.helium);
      kb.relate(e.neon, 'related_to', e.helium);
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.helium, 1), aMention(e.neon, 3), aMention(e.helium, 5)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['William Ramsay', 'Noble gas']);
      expect(resolution.plan).toBe('intersect(2)');
    });

    it('ignores archived common neighbours', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      kb.relate(e.lostDraft, 'published_by', e.chilton);
      // Herbert and Chilton share Dune and the archived draft: only Dune is an answer.
      const { resolution } = await traverse(
        kb,
        aSlotFrame({ kind: 'list', anchors: [aMention(e.herbert, 1), aMention(e.chilton, 3)] }),
      );
      expect(names(resolution.targets)).toEqual(['Dune']);
      // With only the archived draft in common, there is no intersection.
      kb.updateEntity(e.dune.id, { state: 'archived' });
      const none = await traverse(
        kb,
        aSlotFrame({ kind: 'list', anchors: [aMention(e.herbert, 1), aMention(e.chilton, 3)] }),
      );
      expect(none.resolution.plan).toBe('each anchor');
      expect(names(none.resolution.targets)).toEqual(['Frank Herbert', 'Chilton Books']);
    });
  });

  describe('entity types and values', () => {
    it('lists the members of an anchor that have the asked type', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // "Which elements are noble gases?"
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.nobleGas, 3, 5)],
          entityTypes: [aTerm('element', 1)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Helium', 'Neon', 'Argon']);
      expect(resolution.plan).toBe('members of Noble gas typed element');
      expect(lines(resolution.facts)).toEqual([
        'Helium category Noble gas',
        'Neon category Noble gas',
        'Argon category Noble gas',
      ]);
    });

    it('keeps the anchor when it already has the asked type or has no such members', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const itself = await traverse(
        kb,
        aSlotFrame({ anchors: [aMention(e.hydrogen, 3)], entityTypes: [aTerm('element', 1)] }),
      );
      expect(names(itself.resolution.targets)).toEqual(['Hydrogen']);
      expect(itself.resolution.plan).toBe('anchor itself');
      const noMembers = await traverse(
        kb,
        aSlotFrame({ anchors: [aMention(e.iron, 3)], entityTypes: [aTerm('person', 1)] }),
      );
      expect(names(noMembers.resolution.targets)).toEqual(['Iron']);
      expect(noMembers.resolution.plan).toBe('anchor itself');
      // "Which person is Ada Lovelace?": her linked people are not the answer.
      const scholars = aScholarsKnowledgeBase();
      const person = await traverse(
        scholars.kb,
        aSlotFrame({ anchors: [aMention(scholars.e.ada, 3, 5)], entityTypes: [aTerm('person', 1)] }),
      );
      expect(names(person.resolution.targets)).toEqual(['Ada Lovelace']);
      expect(person.resolution.plan).toBe('anchor itself');
    });

    it('names every asked type in the members step', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.nobleGas, 5, 7)],
          entityTypes: [aTerm('element', 1), aTerm('person', 3)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Helium', 'Neon', 'Argon']);
      expect(resolution.plan).toBe('members of Noble gas typed element/person');
    });

    it('does not list members when an attribute is asked', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'attribute',
          anchors: [aMention(e.nobleGas, 5, 7)],
          entityTypes: [aTerm('element', 3)],
          attributes: [aTerm('atomic_mass', 1)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Noble gas']);
      expect(resolution.plan).toBe('no atomic_mass on targets');
    });

    it('keeps only the targets of the asked type when some are of another', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      // "Which books did Frank Herbert write?": the essay is an article.
      const books = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.herbert, 3, 5)],
          relationTypes: [aTerm('written_by', 5)],
          entityTypes: [aTerm('book', 1)],
        }),
      );
      expect(names(books.resolution.targets)).toEqual(['Dune', 'Dune Messiah', 'The Green Brain']);
      expect(books.resolution.plan).toBe('written_by > type filter');
      expect(lines(books.resolution.facts)).not.toContain('On Sandworms written_by Frank Herbert');
      // No target of the asked type: the targets stay as they are.
      const films = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.herbert, 3, 5)],
          relationTypes: [aTerm('written_by', 5)],
          entityTypes: [aTerm('film', 1)],
        }),
      );
      expect(films.resolution.targets).toHaveLength(4);
      expect(films.resolution.plan).toBe('written_by');
    });

    it('keeps the targets whose attribute value the question states in words', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      const ask = (freeWords: string[]) =>
        traverse(
          kb,
          aSlotFrame({
            kind: 'list',
            anchors: [aMention(e.herbert, 3, 5)],
            relationTypes: [aTerm('written_by', 5)],
            freeWords,
          }),
        );
      // "... written in 1965": a number, on two targets.
      const year = await ask(['1965']);
      expect(names(year.resolution.targets)).toEqual(['Dune', 'On Sandworms']);
      expect(year.resolution.plan).toBe('written_by > value filter (year)');
      expect(lines(year.resolution.facts)).toEqual([
        'Dune written_by Frank Herbert',
        'On Sandworms written_by Frank Herbert',
      ]);
      // A word inside a list value, matched by its stem.
      const ecology = await ask(['deserts']);
      expect(names(ecology.resolution.targets)).toEqual(['Dune']);
      expect(ecology.resolution.plan).toBe('written_by > value filter (tags)');
      // Every word of a short value must be stated; long values never match.
      const genre = await ask(['science', 'fiction', 'hard', 'adventure', 'novel']);
      expect(names(genre.resolution.targets)).toEqual(['Dune', 'Dune Messiah']);
      expect(genre.resolution.plan).toBe('written_by > value filter (genre)');
      // A three-word value stated in full.
      const essay = await ask(['popular', 'science', 'essay']);
      expect(names(essay.resolution.targets)).toEqual(['On Sandworms']);
      expect(essay.resolution.plan).toBe('written_by > value filter (genre)');
      // Part of a value is not the value ("fiction" is no "Science fiction").
      expect((await ask(['fiction'])).resolution.plan).toBe('written_by');
      // Several attributes, each named once.
      const two = await ask(['1969', 'desert']);
      expect(names(two.resolution.targets)).toEqual(['Dune', 'Dune Messiah']);
      expect(two.resolution.plan).toBe('written_by > value filter (tags, year)');
      // A value every target has, or none has, filters nothing.
      const english = await ask(['english']);
      expect(english.resolution.plan).toBe('written_by');
      expect(english.resolution.targets).toHaveLength(4);
      expect((await ask(['unknown'])).resolution.plan).toBe('written_by');
      expect((await ask([])).resolution.targets).toHaveLength(4);
    });

    it('does not filter a single target by value', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.chilton, 5)],
          relationTypes: [aTerm('published_by', 3)],
          freeWords: ['1969'],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Dune']);
      expect(resolution.plan).toBe('published_by');
    });
  });

  describe('deeper passes', () => {
    it('follows the named types transitively, three links deep, when no direct chain exists', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      // "Where is the founder of Chilton Books located?": nobody founded it in the graph.
      const slots = aSlotFrame({
        anchors: [aMention(e.chilton, 7, 9)],
        relationTypes: [aTerm('located_in', 4), aTerm('founded_by', 6)],
      });
      const direct = await traverse(kb, slots, 1);
      expect(direct.resolution.plan).toBe('no path via located_in > founded_by');
      expect(direct.resolution.targets).toEqual([]);
      const deeper = await traverse(kb, slots, 2);
      expect(names(deeper.resolution.targets)).toEqual(['Philadelphia', 'Pennsylvania', 'USA']);
      expect(deeper.resolution.plan).toBe('transitive(located_in|founded_by, depth<=3)');
      expect(lines(deeper.resolution.facts)).toEqual([
        'Chilton Books located_in Philadelphia',
        'Philadelphia located_in Pennsylvania',
        'Pennsylvania located_in USA',
      ]);
      // Dune was seen on Chilton's links; North America, four links away, was not reached.
      expect(sorted(deeper.notes.entityIds)).toEqual(
        sorted([e.dune.id, e.chilton.id, e.philadelphia.id, e.pennsylvania.id, e.usa.id]),
      );
      expect(deeper.notes.decision).toBe('resolved');
    });

    it('finds nothing transitively when the anchor has no link of the named types', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.tacoma, 5)],
          relationTypes: [aTerm('founded_by', 3), aTerm('published_by', 1)],
        }),
        2,
      );
      expect(resolution.plan).toBe('no path via founded_by > published_by');
      expect(resolution.targets).toEqual([]);
    });

    it('walks further along the same type when the chain ends on the wrong kind of entity', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      // "In which country is Chilton Books located?"
      const slots = aSlotFrame({
        anchors: [aMention(e.chilton, 4, 6)],
        relationTypes: [aTerm('located_in', 7)],
        entityTypes: [aTerm('country', 2)],
      });
      const direct = await traverse(kb, slots, 1);
      expect(names(direct.resolution.targets)).toEqual(['Philadelphia']);
      expect(direct.resolution.plan).toBe('located_in');
      const deeper = await traverse(kb, slots, 2);
      expect(names(deeper.resolution.targets)).toEqual(['USA']);
      expect(deeper.resolution.plan).toBe('located_in > transitive(located_in, depth<=3)');
      expect(lines(deeper.resolution.facts)).toEqual([
        'Chilton Books located_in Philadelphia',
        'Philadelphia located_in Pennsylvania',
        'Pennsylvania located_in USA',
      ]);
      // Too far: North America is four links away.
      const continent = await traverse(kb, aSlotFrame({ ...slots, entityTypes: [aTerm('continent', 2)] }), 2);
      expect(names(continent.resolution.targets)).toEqual(['Philadelphia']);
      expect(continent.resolution.plan).toBe('located_in');
    });

    it('walks further along every alternative type of the hop', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      // "In which country is Chilton Books based?": "based" matched located_in and published_by.
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.chilton, 4, 6)],
          relationTypes: [aTerm('located_in', 7), aTerm('published_by', 7)],
          entityTypes: [aTerm('country', 2)],
        }),
        2,
      );
      expect(names(resolution.targets)).toEqual(['USA']);
      expect(resolution.plan).toBe('located_in > transitive(located_in|published_by, depth<=3)');
      expect(lines(resolution.facts)).toEqual([
        'Dune published_by Chilton Books',
        'Chilton Books located_in Philadelphia',
        'Philadelphia located_in Pennsylvania',
        'Pennsylvania located_in USA',
      ]);
    });

    it('leaves archived entities out of a transitive walk, as out of a direct one', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      // "Which books are by the author of Dune?": the archived draft is no answer.
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.dune, 7)],
          relationTypes: [aTerm('written_by', 4)],
          entityTypes: [aTerm('book', 1)],
        }),
        2,
      );
      expect(resolution.plan).toBe('written_by > transitive(written_by, depth<=3)');
      expect(names(resolution.targets)).toEqual(['The Green Brain', 'Dune Messiah']);
      expect(lines(resolution.facts)).toEqual([
        'Dune written_by Frank Herbert',
        'The Green Brain written_by Frank Herbert',
        'Dune Messiah written_by Frank Herbert',
        'On Sandworms written_by Frank Herbert',
      ]);
    });

    it('keeps a direct chain of the right kind without walking further', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.chilton, 4, 6)],
          relationTypes: [aTerm('located_in', 7)],
          entityTypes: [aTerm('city', 2)],
        }),
        2,
      );
      expect(names(resolution.targets)).toEqual(['Philadelphia']);
      expect(resolution.plan).toBe('located_in');
      expect(kb.calls).not.toContain('traverse');
    });

    it('leaves out relationships whose other end is gone', async () => {
      const { kb, e } = aLibraryKnowledgeBase();
      const ghost: Entity = { ...e.tacoma, id: 999, name: 'Ghost town' };
      kb.relate(e.pennsylvania, 'located_in', ghost);
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          anchors: [aMention(e.chilton, 7, 9)],
          relationTypes: [aTerm('located_in', 4), aTerm('founded_by', 6)],
        }),
        2,
      );
      expect(names(resolution.targets)).toEqual(['Philadelphia', 'Pennsylvania', 'USA']);
      expect(lines(resolution.facts)).toEqual([
        'Chilton Books located_in Philadelphia',
        'Philadelphia located_in Pennsylvania',
        'Pennsylvania located_in USA',
      ]);
    });
  });

  describe('yes/no', () => {
    const ask = async (subject: Entity, object: Entity, relation?: string, extra: Entity[] = []) => {
      const { kb } = aChemistryKnowledgeBase();
      return traverse(
        kb,
        aSlotFrame({
          kind: 'yesno',
          anchors: [subject, object, ...extra].map((x, i) => aMention(x, 1 + 2 * i)),
          relationTypes: relation ? [aTerm(relation, 2)] : [],
        }),
      );
    };

    it('says yes when the graph links the two, citing the link', async () => {
      const { e } = aChemistryKnowledgeBase();
      const { resolution, notes } = await ask(e.neon, e.nobleGas);
      expect(resolution.verdict).toBe(true);
      expect(lines(resolution.facts)).toEqual(['Neon category Noble gas']);
      expect(names(resolution.targets)).toEqual(['Neon']);
      expect(resolution.values).toEqual([]);
      expect(resolution.plan).toBe('link Neon ~ Noble gas');
      expect(notes.decision).toBe('resolved');
      expect(sorted(notes.entityIds)).toEqual(sorted([e.neon.id, e.ramsay.id, e.nobleGas.id]));
      // The link may point at the subject.
      const reverse = await ask(e.ramsay, e.neon, 'discovered_by');
      expect(reverse.resolution.verdict).toBe(true);
      expect(lines(reverse.resolution.facts)).toEqual(['Neon discovered_by William Ramsay']);
      expect(reverse.resolution.plan).toBe('link William Ramsay ~ Neon via discovered_by');
    });

    it('says no when the graph states a competing fact of the same kind', async () => {
      const { e } = aChemistryKnowledgeBase();
      const { resolution } = await ask(e.sodium, e.nobleGas);
      expect(resolution.verdict).toBe(false);
      expect(lines(resolution.facts)).toEqual(['Sodium category Alkali metal']);
      const discoverer = await ask(e.helium, e.davy, 'discovered_by');
      expect(discoverer.resolution.verdict).toBe(false);
      expect(lines(discoverer.resolution.facts)).toEqual(['Helium discovered_by William Ramsay']);
    });

    it('does not decide when the graph says nothing of that kind', async () => {
      const { e } = aChemistryKnowledgeBase();
      const { resolution, notes } = await ask(e.hydrogen, e.nobleGas);
      expect(resolution.verdict).toBeNull();
      expect(resolution.facts).toEqual([]);
      expect(names(resolution.targets)).toEqual(['Hydrogen']);
      expect(notes.decision).toBe('resolved');
    });

    it('only counts links of the named relationship type', async () => {
      const { e } = aChemistryKnowledgeBase();
      // "Did Lavoisier discover hydrogen?": he named it.
      const { resolution } = await ask(e.lavoisier, e.hydrogen, 'discovered_by');
      expect(resolution.verdict).toBeNull();
      expect(resolution.facts).toEqual([]);
      expect(resolution.plan).toBe('link Antoine Lavoisier ~ Hydrogen via discovered_by');
    });

    it('needs every object linked for a yes, and stays undecided once one is unknown', async () => {
      const { e } = aChemistryKnowledgeBase();
      // "Is helium in period 1 and a noble gas?"
      const both = await ask(e.helium, e.period1, undefined, [e.nobleGas]);
      expect(both.resolution.verdict).toBe(true);
      expect(lines(both.resolution.facts)).toEqual(['Helium period Period 1', 'Helium category Noble gas']);
      expect(both.resolution.plan).toBe('link Helium ~ Period 1, Noble gas');
      const oneWrong = await ask(e.helium, e.period1, undefined, [e.alkali]);
      expect(oneWrong.resolution.verdict).toBe(false);
      expect(lines(oneWrong.resolution.facts)).toEqual([
        'Helium period Period 1',
        'Helium category Noble gas',
      ]);
      // Hydrogen has no category: unknown stays unknown even if a later object competes.
      const unknownFirst = await ask(e.hydrogen, e.nobleGas, undefined, [e.period3]);
      expect(unknownFirst.resolution.verdict).toBeNull();
      expect(lines(unknownFirst.resolution.facts)).toEqual(['Hydrogen period Period 1']);
    });

    it('accepts a link of any of the named types', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      // "Did Lavoisier discover or name hydrogen?"
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'yesno',
          anchors: [aMention(e.hydrogen, 5), aMention(e.lavoisier, 1)],
          relationTypes: [aTerm('discovered_by', 2), aTerm('named_by', 4)],
        }),
      );
      expect(resolution.verdict).toBe(true);
      expect(lines(resolution.facts)).toEqual(['Hydrogen named_by Antoine Lavoisier']);
      expect(resolution.plan).toBe('link Hydrogen ~ Antoine Lavoisier via discovered_by|named_by');
    });

    it('needs two entities', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const { resolution, notes } = await traverse(
        kb,
        aSlotFrame({ kind: 'yesno', anchors: [aMention(e.neon, 1)] }),
      );
      expect(resolution.plan).toBe('yes/no needs two entities');
      expect(resolution.verdict).toBeNull();
      expect(resolution.targets).toEqual([]);
      expect(notes.decision).toBe('unresolved');
    });

    it('asks about the anchors themselves, not a relationship named by an attribute word', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'yesno',
          anchors: [aMention(e.iron, 1), aMention(e.period4, 3, 5)],
          attributes: [aTerm('melting_point', 2)],
          relationTypes: [aTerm('discovered_by', 2)],
        }),
      );
      expect(resolution.verdict).toBe(true);
      expect(resolution.plan).toBe('link Iron ~ Period 4');
    });
  });

  describe('hubs', () => {
    it('picks the few right links out of a hub with many', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      for (let i = 0; i < 60; i++) {
        const isotope = kb.addEntity({ key: `isotope:${i}`, type: 'isotope', name: `Isotope ${i}` });
        kb.relate(isotope, 'category', e.nobleGas);
      }
      const { resolution } = await traverse(
        kb,
        aSlotFrame({
          kind: 'list',
          anchors: [aMention(e.nobleGas, 3, 5)],
          entityTypes: [aTerm('element', 1)],
        }),
      );
      expect(names(resolution.targets)).toEqual(['Helium', 'Neon', 'Argon']);
      expect(resolution.facts).toHaveLength(3);
      expect(resolution.explored.length).toBeGreaterThan(60);
    });
  });
});
