/**
 * Mutation-testing gate for entity identification: which entities a question names, found by
 * which stage (exact or alias match, stem, typo, surname, vector similarity, conversation, graph),
 * with what confidence and ordering, what stays unresolved, and what the trace records.
 */
import { CancelledError } from '@rustygpt/core';
import { describe, expect, it } from 'vitest';
import { AliasIndex } from '../src/lexicon/alias-index';
import { entityIdentificationNode } from '../src/nodes/entity-identification';
import { createServices, type ReasoningServices } from '../src/services';
import type { ConversationTurn, Identification, PassMemory } from '../src/state';
import { aChemistryKnowledgeBase, aChemistryKnowledgeBaseWithAmbiguousMercury } from './support/chemistry-kb';
import {
  aChemistryKnowledgeBaseWithLinkedMercury,
  aKnowledgeBaseOfCurieNames,
  placeVector,
  ScriptedEmbedder,
} from './support/identification-kb';
import type { MemoryKnowledge } from './support/memory-knowledge';
import { runNode, seed, servicesFor, type RecordedNotes } from './support/run-node';

async function identify(
  services: ReasoningServices,
  question: string,
  memory: Partial<PassMemory> = {},
  conversation: ConversationTurn[] = [],
): Promise<{ identification: Identification; notes: RecordedNotes }> {
  const { output, notes } = await runNode<'identification'>(entityIdentificationNode(services), {
    ...seed(question, memory),
    conversation,
  });
  return { identification: output.identification, notes };
}

const deep = { level: 2 };

/** Services over the Curie names, the span "Sklodowska Curie" embedded as the first axis. */
function vectorServices(kb: MemoryKnowledge, thresholds: { vectorMention?: number } = {}) {
  const embedder = new ScriptedEmbedder({ 'Sklodowska Curie': [1], 'Pierre Curie': [1] });
  return { embedder, services: createServices({ store: kb, embedder }, { thresholds }) };
}

/** Unit vectors' cosines with the first axis: exactly 1, 0.97, 40/41 (about 0.976) and 0.8. */
const COS_1 = [1];
const COS_097 = [97, 23, 7, 3, 2];
const COS_40_41 = [40, 9];
const COS_08 = [4, 3];

describe('entity identification (mutation gate)', () => {
  it('declares what it reads and writes, so the workflow runs it first', () => {
    const node = entityIdentificationNode(servicesFor(aChemistryKnowledgeBase().kb));
    expect(node.name).toBe('entity-identification');
    expect(node.inputs).toEqual(['question', 'conversation', 'memory']);
    expect(node.outputs).toEqual(['identification']);
  });

  describe('dictionary match', () => {
    it('finds a name by exact match and records it in the trace', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const { identification, notes } = await identify(servicesFor(kb), 'Who discovered hydrogen?');
      expect(identification).toEqual({
        tokens: ['who', 'discovered', 'hydrogen'],
        mentions: [
          {
            text: 'hydrogen',
            start: 2,
            end: 3,
            entity: e.hydrogen,
            score: 1,
            method: 'exact',
            alternatives: [],
            ambiguous: false,
          },
        ],
        unresolved: [],
        strategies: ['exact', 'stem'],
      });
      expect(notes.decision).toBe('identified');
      expect(notes.reason).toBe('hydrogen→element:H (exact 1.00)');
      expect(notes.entityIds).toEqual([e.hydrogen.id]);
    });

    it('scores an alias a little below the name, whatever the case of the name', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const services = servicesFor(kb);
      const alias = await identify(services, 'What is the atomic mass of Fe?');
      expect(alias.identification.mentions).toEqual([
        expect.objectContaining({ text: 'Fe', entity: e.iron, score: 0.98, method: 'exact' }),
      ]);
      expect(alias.notes.reason).toBe('Fe→element:Fe (exact 0.98)');
      const shouted = await identify(services, 'What is the atomic mass of IRON?');
      expect(shouted.identification.mentions).toEqual([
        expect.objectContaining({ text: 'IRON', entity: e.iron, score: 1, method: 'exact' }),
      ]);
    });

    it('matches inflected names by stem at 0.85, aliases included, keeping the words asked', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const services = servicesFor(kb);
      const plural = await identify(services, 'Which elements are noble gases?');
      expect(plural.identification.mentions).toEqual([
        {
          text: 'noble gases',
          start: 3,
          end: 5,
          entity: e.nobleGas,
          score: 0.85,
          method: 'stem',
          alternatives: [],
          ambiguous: false,
        },
      ]);
      expect(plural.notes.reason).toBe('noble gases→category:noble-gas (stem 0.85)');
      const alias = await identify(services, 'Which elements did the Ramsays discover?');
      expect(alias.identification.mentions).toEqual([
        expect.objectContaining({ text: 'Ramsays', entity: e.ramsay, score: 0.85, method: 'stem' }),
      ]);
    });

    it('trusts an inactive entity less, and ignores one archived since the dictionary loaded', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      kb.updateEntity(e.helium.id, { state: 'inactive' });
      const services = { ...servicesFor(kb), aliases: new AliasIndex(60_000) };
      const inactive = await identify(services, 'Who discovered helium?');
      expect(inactive.identification.mentions).toEqual([
        expect.objectContaining({ text: 'helium', score: 0.8, method: 'exact' }),
      ]);
      expect(inactive.identification.mentions[0]!.entity.state).toBe('inactive');

      kb.updateEntity(e.hydrogen.id, { state: 'archived' });
      const archived = await identify(services, 'Who discovered hydrogen?');
      expect(archived.identification.mentions).toEqual([]);
      expect(archived.identification.unresolved).toEqual([
        { text: 'hydrogen', start: 2, end: 3, nameLike: false },
      ]);
      expect(archived.notes.decision).toBe('none');
      expect(archived.notes.entityIds).toEqual([]);
    });

    it('sees renamed entities and new attributes as soon as the dictionary refreshes', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const services = { ...servicesFor(kb), aliases: new AliasIndex(0) };
      await identify(services, 'What is the atomic mass of iron?');
      kb.updateEntity(e.iron.id, { name: 'Ferrum', attributes: { ...e.iron.attributes, density: 7.874 } });
      const { identification } = await identify(services, 'What is the density of ferrum?');
      expect(identification.mentions).toEqual([
        expect.objectContaining({ text: 'ferrum', score: 1, method: 'exact' }),
      ]);
      expect(identification.mentions[0]!.entity.name).toBe('Ferrum');
      expect(identification.unresolved).toEqual([]);
    });

    it('loads the vocabulary once while nothing changes', async () => {
      const { kb } = aChemistryKnowledgeBase();
      const services = { ...servicesFor(kb), aliases: new AliasIndex(0) };
      await identify(services, 'What is the atomic mass of iron?');
      await identify(services, 'What is the atomic mass of iron?');
      expect(kb.calls.filter((c) => c === 'vocabulary')).toHaveLength(1);
    });

    it('stops when the question is cancelled', async () => {
      const { kb } = aChemistryKnowledgeBase();
      const controller = new AbortController();
      controller.abort();
      await expect(
        runNode(
          entityIdentificationNode(servicesFor(kb)),
          seed('Who discovered hydrogen?'),
          controller.signal,
        ),
      ).rejects.toBeInstanceOf(CancelledError);
    });
  });

  describe('ambiguous names', () => {
    it('keeps every reading of an ambiguous name, the lowest id first on a tie', async () => {
      const { kb } = aChemistryKnowledgeBaseWithAmbiguousMercury();
      const { identification, notes } = await identify(servicesFor(kb), 'Who discovered Mercury?');
      const [mention] = identification.mentions;
      expect(mention!.entity.key).toBe('person:mercury');
      expect(mention!.ambiguous).toBe(true);
      expect(mention!.method).toBe('exact');
      expect(mention!.alternatives).toEqual([
        { entity: expect.objectContaining({ key: 'element:Hg' }), score: 1 },
      ]);
      expect(identification.strategies).toEqual(['exact', 'stem', 'graph']);
      expect(notes.reason).toBe('Mercury→person:mercury (exact 1.00, ambiguous)');
      // nothing else in the question to relate the readings to: the graph is not read
      expect(kb.calls).not.toContain('neighbours');
    });

    it('prefers the active reading over an inactive one', async () => {
      const { kb } = aChemistryKnowledgeBaseWithAmbiguousMercury();
      const person = [...kb.entities.values()].find((x) => x.key === 'person:mercury')!;
      kb.updateEntity(person.id, { state: 'inactive' });
      const { identification } = await identify(servicesFor(kb), 'Who discovered Mercury?');
      const [mention] = identification.mentions;
      expect(mention!.entity.key).toBe('element:Hg');
      expect(mention!.score).toBe(1);
      expect(mention!.ambiguous).toBe(true);
      expect(mention!.alternatives).toEqual([
        { entity: expect.objectContaining({ key: 'person:mercury' }), score: 0.8 },
      ]);
    });

    it('still breaks a tie by the lowest id after the other reading was edited', async () => {
      const { kb, mercury } = aChemistryKnowledgeBaseWithLinkedMercury();
      const services = { ...servicesFor(kb), aliases: new AliasIndex(0) };
      await identify(services, 'Who discovered Mercury?');
      kb.updateEntity(mercury.person.id, { aliases: ['Freddie'] });
      const { identification } = await identify(services, 'Who discovered Mercury?');
      expect(
        identification.mentions.map((m) => [m.entity.key, m.alternatives.map((a) => a.entity.key)]),
      ).toEqual([['person:mercury', ['element:Hg']]]);
    });

    it('drops readings meta-reasoning rejected', async () => {
      const { kb, mercury } = aChemistryKnowledgeBaseWithLinkedMercury();
      const { identification, notes } = await identify(servicesFor(kb), 'Who discovered Mercury?', {
        rejectedEntityIds: [mercury.person.id],
      });
      expect(identification.mentions).toEqual([
        expect.objectContaining({ entity: mercury.element, alternatives: [], ambiguous: false }),
      ]);
      expect(identification.strategies).toEqual(['exact', 'stem']);
      expect(notes.entityIds).toEqual([mercury.element.id]);
    });

    it('settles an ambiguous name by its links to the other entities of the question', async () => {
      const { kb, e, mercury } = aChemistryKnowledgeBaseWithLinkedMercury();
      const { identification, notes } = await identify(servicesFor(kb), 'Is Mercury a transition metal?');
      expect(identification.mentions).toEqual([
        {
          text: 'Mercury',
          start: 1,
          end: 2,
          entity: mercury.element,
          score: 1,
          method: 'graph',
          alternatives: [{ entity: mercury.person, score: 1 }],
          ambiguous: true,
        },
        expect.objectContaining({ text: 'transition metal', entity: e.transition, method: 'exact' }),
      ]);
      expect(identification.strategies).toEqual(['exact', 'stem', 'graph']);
      expect(notes.reason).toBe(
        'Mercury→element:Hg (graph 1.00, ambiguous); transition metal→category:transition-metal (exact 1.00)',
      );
      expect(notes.entityIds).toEqual([mercury.element.id, e.transition.id]);
      // only the two readings of "Mercury" are looked up in the graph
      expect(kb.calls.filter((c) => c === 'neighbours')).toHaveLength(2);
    });

    it('keeps the first reading when it is the linked one, or when none is linked', async () => {
      const { kb, e, mercury } = aChemistryKnowledgeBaseWithLinkedMercury();
      kb.relate(mercury.person, 'met', e.davy);
      const services = servicesFor(kb);
      const linkedFirst = await identify(services, 'Did Mercury meet Humphry Davy?');
      expect(linkedFirst.identification.mentions[0]).toEqual(
        expect.objectContaining({ entity: mercury.person, method: 'exact', ambiguous: true }),
      );
      const unlinked = await identify(services, 'Is Mercury a noble gas?');
      expect(unlinked.identification.mentions[0]).toEqual(
        expect.objectContaining({ entity: mercury.person, method: 'exact', ambiguous: true }),
      );
    });
  });

  describe('typos and surnames (deeper passes)', () => {
    it('reads a typo only on a deeper pass, one edit costing less than two', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const services = servicesFor(kb);
      const shallow = await identify(services, 'Who discovered hydrogem?');
      expect(shallow.identification.mentions).toEqual([]);
      expect(shallow.identification.unresolved).toEqual([
        { text: 'hydrogem', start: 2, end: 3, nameLike: false },
      ]);
      expect(shallow.notes.decision).toBe('none');
      expect(shallow.notes.reason).toBe('no entity in "Who discovered hydrogem?"; unresolved: hydrogem');

      const oneEdit = await identify(services, 'Who discovered hydrogem?', deep);
      expect(oneEdit.identification.mentions).toEqual([
        expect.objectContaining({ text: 'hydrogem', entity: e.hydrogen, score: 0.75, method: 'fuzzy' }),
      ]);
      expect(oneEdit.identification.strategies).toEqual(['exact', 'stem', 'fuzzy']);

      const twoEdits = await identify(services, 'Is iron a transitian metol?', deep);
      expect(twoEdits.identification.mentions.map((m) => [m.entity.key, m.method, m.score])).toEqual([
        ['element:Fe', 'exact', 1],
        ['category:transition-metal', 'fuzzy', 0.75 - 0.1],
      ]);
    });

    it('takes a lone capitalised word for the one multi-word name it ends', async () => {
      const { kb, e } = aKnowledgeBaseOfCurieNames();
      const services = servicesFor(kb);
      const { identification, notes } = await identify(services, 'Did Curie discover polonium?', deep);
      expect(identification.mentions).toEqual([
        {
          text: 'Curie',
          start: 1,
          end: 2,
          entity: e.marie,
          score: 0.7,
          method: 'fuzzy',
          alternatives: [],
          ambiguous: false,
        },
        expect.objectContaining({ text: 'polonium', entity: e.polonium, method: 'exact' }),
      ]);
      expect(identification.unresolved).toEqual([]);
      expect(identification.strategies).toEqual(['exact', 'stem', 'fuzzy', 'surname']);
      expect(notes.reason).toBe('Curie→person:marie-curie (fuzzy 0.70); polonium→element:Po (exact 1.00)');
      const withUnknown = await identify(services, 'Did Curie discover Vibranium?', deep);
      expect(withUnknown.identification.mentions.map((m) => m.entity.key)).toEqual(['person:marie-curie']);
      expect(withUnknown.identification.unresolved).toEqual([
        { text: 'Vibranium', start: 3, end: 4, nameLike: true },
      ]);
    });

    it('does not read a surname on the first pass, lower-case, inside a longer name, or rejected', async () => {
      const { kb, e } = aKnowledgeBaseOfCurieNames();
      const services = servicesFor(kb);
      const first = await identify(services, 'What did Curie discover?');
      expect(first.identification.mentions).toEqual([]);
      expect(first.identification.unresolved).toEqual([{ text: 'Curie', start: 2, end: 3, nameLike: true }]);

      const lower = await identify(services, 'What did curie discover?', deep);
      expect(lower.identification.mentions).toEqual([]);
      expect(lower.identification.strategies).toEqual(['exact', 'stem', 'fuzzy']);

      const longer = await identify(services, 'What did Curie Smith discover?', deep);
      expect(longer.identification.mentions).toEqual([]);
      expect(longer.identification.unresolved).toEqual([
        { text: 'Curie Smith', start: 2, end: 4, nameLike: true },
      ]);

      const rejected = await identify(services, 'What did Curie discover?', {
        ...deep,
        rejectedEntityIds: [e.marie.id],
      });
      expect(rejected.identification.mentions).toEqual([]);
      expect(rejected.identification.strategies).toEqual(['exact', 'stem', 'fuzzy']);
      expect(rejected.identification.unresolved).toEqual([
        { text: 'Curie', start: 2, end: 3, nameLike: true },
      ]);
    });
  });

  describe('vector similarity', () => {
    it('matches a span no dictionary reading reaches, at 0.9 of its cosine', async () => {
      const { kb, e } = aKnowledgeBaseOfCurieNames();
      placeVector(kb, e.marie, COS_1);
      const { embedder, services } = vectorServices(kb);
      const { identification, notes } = await identify(services, 'What did Sklodowska Curie discover?', deep);
      expect(identification.mentions).toEqual([
        {
          text: 'Sklodowska Curie',
          start: 2,
          end: 4,
          entity: e.marie,
          score: 0.9,
          method: 'vector',
          alternatives: [],
          ambiguous: false,
        },
      ]);
      expect(identification.unresolved).toEqual([]);
      expect(identification.strategies).toEqual(['exact', 'stem', 'fuzzy', 'vector']);
      expect(notes.reason).toBe('Sklodowska Curie→person:marie-curie (vector 0.90)');
      expect(embedder.requests).toEqual([['Sklodowska Curie']]);
    });

    it('does not embed on the first pass, nor when every span is resolved', async () => {
      const { kb, e } = aKnowledgeBaseOfCurieNames();
      placeVector(kb, e.marie, COS_1);
      const { embedder, services } = vectorServices(kb);
      const first = await identify(services, 'What did Sklodowska Curie discover?');
      expect(first.identification.mentions).toEqual([]);
      expect(first.identification.strategies).toEqual(['exact', 'stem']);
      expect(first.identification.unresolved).toEqual([
        { text: 'Sklodowska Curie', start: 2, end: 4, nameLike: true },
      ]);
      expect(first.notes.reason).toBe(
        'no entity in "What did Sklodowska Curie discover?"; unresolved: Sklodowska Curie',
      );
      const resolved = await identify(services, 'Who discovered polonium?', deep);
      expect(resolved.identification.strategies).toEqual(['exact', 'stem', 'fuzzy']);
      expect(embedder.requests).toEqual([]);
    });

    it('orders vector and dictionary mentions by position and keeps what stays unresolved', async () => {
      const { kb, e } = aKnowledgeBaseOfCurieNames();
      placeVector(kb, e.marie, COS_1);
      const { embedder, services } = vectorServices(kb);
      const { identification } = await identify(
        services,
        'Did Sklodowska Curie discover polonium or Vibranium?',
        deep,
      );
      expect(identification.mentions.map((m) => [m.text, m.method])).toEqual([
        ['Sklodowska Curie', 'vector'],
        ['polonium', 'exact'],
      ]);
      expect(identification.unresolved).toEqual([{ text: 'Vibranium', start: 6, end: 7, nameLike: true }]);
      expect(embedder.requests).toEqual([['Sklodowska Curie', 'Vibranium']]);
      // "Vibranium" has no vector (all zeros): the store is searched for "Sklodowska Curie" only
      expect(kb.calls.filter((c) => c === 'searchEntitiesByVector')).toHaveLength(1);
    });

    it('needs every word of the span in the name or aliases of the entity', async () => {
      const { kb, e } = aKnowledgeBaseOfCurieNames();
      placeVector(kb, e.marie, COS_1);
      const { services } = vectorServices(kb);
      const { identification } = await identify(services, 'What did Pierre Curie discover?', deep);
      expect(identification.mentions).toEqual([]);
      expect(identification.unresolved).toEqual([{ text: 'Pierre Curie', start: 2, end: 4, nameLike: true }]);
      expect(identification.strategies).toEqual(['exact', 'stem', 'fuzzy', 'vector']);
    });

    it('keeps a hit at the threshold and drops one below it', async () => {
      const { kb, e } = aKnowledgeBaseOfCurieNames();
      placeVector(kb, e.marie, COS_1);
      placeVector(kb, e.institute, COS_097);
      const atThreshold = await identify(
        vectorServices(kb, { vectorMention: 0.97 }).services,
        'What did Sklodowska Curie discover?',
        deep,
      );
      expect(atThreshold.identification.mentions).toEqual([
        expect.objectContaining({
          entity: e.marie,
          alternatives: [{ entity: e.institute, score: 0.97 * 0.9 }],
          // 0.97 is not within 0.03 of 1: not ambiguous
          ambiguous: false,
        }),
      ]);

      placeVector(kb, e.institute, COS_08);
      const below = await identify(vectorServices(kb).services, 'What did Sklodowska Curie discover?', deep);
      expect(below.identification.mentions).toEqual([
        expect.objectContaining({ entity: e.marie, alternatives: [], ambiguous: false }),
      ]);
    });

    it('marks a span ambiguous when the runner-up is within 0.03, keeping at most two alternatives', async () => {
      const { kb, e } = aKnowledgeBaseOfCurieNames();
      placeVector(kb, e.marie, COS_1);
      placeVector(kb, e.institute, COS_40_41);
      placeVector(kb, e.museum, COS_097);
      placeVector(kb, e.university, [24, 7]);
      const { identification, notes } = await identify(
        vectorServices(kb).services,
        'What did Sklodowska Curie discover?',
        deep,
      );
      expect(identification.mentions).toEqual([
        expect.objectContaining({
          entity: e.marie,
          score: 0.9,
          method: 'vector',
          alternatives: [
            { entity: e.institute, score: (40 / 41) * 0.9 },
            { entity: e.museum, score: 0.97 * 0.9 },
          ],
          ambiguous: true,
        }),
      ]);
      expect(identification.strategies).toEqual(['exact', 'stem', 'fuzzy', 'vector', 'graph']);
      expect(notes.reason).toBe('Sklodowska Curie→person:marie-curie (vector 0.90, ambiguous)');
    });

    it('reaches inactive entities but not archived or rejected ones', async () => {
      const { kb, e } = aKnowledgeBaseOfCurieNames();
      kb.updateEntity(e.museum.id, { state: 'inactive' });
      kb.updateEntity(e.university.id, { state: 'archived' });
      placeVector(kb, e.museum, COS_1);
      placeVector(kb, e.university, COS_1);
      placeVector(kb, e.marie, COS_40_41);
      const { services } = vectorServices(kb);
      const inactive = await identify(services, 'What did Sklodowska Curie discover?', deep);
      expect(inactive.identification.mentions.map((m) => [m.entity.key, m.alternatives.length])).toEqual([
        ['org:curie-museum', 1],
      ]);
      const rejected = await identify(services, 'What did Sklodowska Curie discover?', {
        ...deep,
        rejectedEntityIds: [e.museum.id],
      });
      expect(rejected.identification.mentions).toEqual([
        expect.objectContaining({ entity: e.marie, score: (40 / 41) * 0.9, alternatives: [] }),
      ]);
    });
  });

  describe('conversation', () => {
    const turn = (entityIds?: number[]): ConversationTurn => ({
      question: 'earlier question',
      answer: 'earlier answer',
      ...(entityIds ? { entityIds } : {}),
    });

    it('takes a pronoun for the entities of the latest turn that had some', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const services = servicesFor(kb);
      const { identification, notes } = await identify(services, 'Who discovered it?', {}, [
        turn([e.neon.id]),
        turn([e.hydrogen.id]),
        turn(),
      ]);
      expect(identification.mentions).toEqual([
        {
          text: 'Hydrogen',
          start: -1,
          end: -1,
          entity: e.hydrogen,
          score: 0.7,
          method: 'conversation',
          alternatives: [],
          ambiguous: false,
        },
      ]);
      expect(identification.strategies).toEqual(['exact', 'stem', 'conversation']);
      expect(notes.reason).toBe('Hydrogen→element:H (conversation 0.70)');
    });

    it('looks back only for a pronoun, with no name in the question, and a turn naming something', async () => {
      const { kb, e } = aChemistryKnowledgeBase();
      const services = servicesFor(kb);
      const history = [turn([e.hydrogen.id])];
      const named = await identify(services, 'Did he discover neon?', {}, history);
      expect(named.identification.mentions.map((m) => m.entity.key)).toEqual(['element:Ne']);
      expect(named.identification.strategies).toEqual(['exact', 'stem']);
      const noPronoun = await identify(services, 'Who discovered the gas?', {}, history);
      expect(noPronoun.identification.mentions).toEqual([]);
      const nothingNamed = await identify(services, 'Who discovered it?', {}, [turn(), turn([])]);
      expect(nothingNamed.identification.mentions).toEqual([]);
      expect(nothingNamed.identification.strategies).toEqual(['exact', 'stem']);
      expect(nothingNamed.notes.reason).toBe('no entity in "Who discovered it?"');
    });
  });

  describe('unresolved spans', () => {
    it('leaves vocabulary words, function words and imperative openers out', async () => {
      const { kb } = aChemistryKnowledgeBase();
      const services = servicesFor(kb);
      const vocabulary = await identify(
        services,
        'What is the atomic mass of the element discovered by Henry Cavendish?',
      );
      expect(vocabulary.identification.unresolved).toEqual([]);
      const imperative = await identify(services, 'List the elements discovered by Humphry Davy');
      expect(imperative.identification.unresolved).toEqual([]);
      const named = await identify(services, 'Name the element Lavoisier named');
      expect(named.identification.unresolved).toEqual([]);
    });

    it('reads vocabulary words even where a name before them holds the same word', async () => {
      const { kb } = aChemistryKnowledgeBase();
      const services = servicesFor(kb);
      const repeated = await identify(services, 'Is Period 4 the period of iron?');
      expect(repeated.identification.mentions.map((m) => m.text)).toEqual(['Period 4', 'iron']);
      expect(repeated.identification.unresolved).toEqual([]);
      const verb = await identify(services, 'Which element did Lavoisier name?');
      expect(verb.identification.unresolved).toEqual([]);
    });

    it('keeps an imperative verb as a content word when it does not open the question', async () => {
      const { kb } = aChemistryKnowledgeBase();
      const { identification } = await identify(servicesFor(kb), 'Which element did Humphry Davy describe?');
      expect(identification.unresolved).toEqual([{ text: 'describe', start: 5, end: 6, nameLike: false }]);
    });

    it('splits a name from the plain words after it, and names unknown names in the trace', async () => {
      const { kb } = aChemistryKnowledgeBase();
      const services = servicesFor(kb);
      const { identification, notes } = await identify(services, 'When was Vibranium first isolated?');
      expect(identification.unresolved).toEqual([
        { text: 'Vibranium', start: 2, end: 3, nameLike: true },
        { text: 'first isolated', start: 3, end: 5, nameLike: false },
      ]);
      expect(notes.reason).toBe(
        'no entity in "When was Vibranium first isolated?"; unresolved: Vibranium, first isolated',
      );
      const opening = await identify(services, 'Blorf glows brightly');
      expect(opening.identification.unresolved).toEqual([
        { text: 'Blorf glows brightly', start: 0, end: 3, nameLike: true },
      ]);
      const inner = await identify(services, 'Who founded eBay?');
      expect(inner.identification.unresolved).toEqual([
        { text: 'founded eBay', start: 1, end: 3, nameLike: false },
      ]);
      const alone = await identify(services, 'Vibranium?');
      expect(alone.identification.unresolved).toEqual([
        { text: 'Vibranium', start: 0, end: 1, nameLike: true },
      ]);
      const lowerFirst = await identify(services, 'vibranium?');
      expect(lowerFirst.identification.unresolved).toEqual([
        { text: 'vibranium', start: 0, end: 1, nameLike: false },
      ]);
    });
  });
});
