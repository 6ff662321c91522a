/**
 * Mutation-testing gate for slot resolution: the answer form read from the wording, the slots
 * filled straight from the identified entities, the open questions it reports, and what it
 * records in the trace.
 */
import { describe, expect, it } from 'vitest';
import { dropCoveredAcrossKinds, slotResolutionNode, humanize } from '../src/nodes/slot-resolution';
import type { SlotFrame, TermMatch } from '../src/state';
import { createServices } from '../src/services';
import { aChemistryKnowledgeBase } from './support/chemistry-kb';
import { ScriptedEmbedder } from './support/identification-kb';
import type { MemoryKnowledge } from './support/memory-knowledge';
import { runNode, servicesFor, upTo, type RecordedNotes } from './support/run-node';
import { aTerm } from './support/slot-frame';
import { aLibraryKnowledgeBase } from './support/traversal-kb';

async function resolve(
  question: string,
  kb: MemoryKnowledge = aChemistryKnowledgeBase().kb,
): Promise<{ slots: SlotFrame; notes: RecordedNotes }> {
  const services = servicesFor(kb);
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

  it('skips an imperative opener only as the first word', async () => {
    // "Name ..." asks for a list; it does not mean the relation named_by.
    expect((await resolve('Name the element discovered by Henry Cavendish')).slots.relationTypes).toEqual([
      expect.objectContaining({ name: 'discovered_by' }),
    ]);
    expect((await resolve('Which element did Antoine Lavoisier name?')).slots.relationTypes).toEqual([
      expect.objectContaining({ name: 'named_by', positions: [5] }),
    ]);
    // A content word opening the question is matched like any other.
    expect((await resolve('Atomic mass of iron?')).slots.attributes).toEqual([
      { name: 'atomic_mass', score: 1, positions: [0, 1], method: 'lexical' },
    ]);
  });

  it('orders relation types by where they occur in the question', async () => {
    const { slots } = await resolve(
      'Who published the book written by Frank Herbert?',
      aLibraryKnowledgeBase().kb,
    );
    expect(slots.relationTypes.map((r) => r.name)).toEqual(['published_by', 'written_by']);
  });

  it('does not fill an attribute from the anchor when the attribute belongs to a related entity', async () => {
    const { slots } = await resolve('What is the atomic mass of the element discovered by Henry Cavendish?');
    expect(slots.filled).toEqual([]);
    expect(slots.open).toEqual([]);
  });

  it('names every missing attribute and every entity it looked at', async () => {
    const both = await resolve('What is the melting point and boiling point of hydrogen?');
    expect(both.slots.open).toEqual(['no boiling point or melting point recorded for Hydrogen']);
    expect(both.notes.reason).toBe(
      'attribute; attributes [boiling_point, melting_point]; relations []; types []',
    );
    expect((await resolve('What is the melting point of hydrogen and helium?')).slots.open).toEqual([
      'no melting point recorded for Hydrogen, Helium',
    ]);
    expect((await resolve('What about the blorf and zarg of hydrogen and helium?')).slots.open).toEqual([
      'nothing recorded about "blorf", "zarg" of Hydrogen, Helium',
    ]);
    expect((await resolve('What is the atomic mass of Vibranium or Adamantium?')).slots.open).toEqual([
      'no entity named "Vibranium" or "Adamantium" in the knowledge base',
    ]);
    expect((await resolve('Tell me blorf or zarg')).slots.open).toEqual([
      'no entity matching "blorf" or "zarg" in the knowledge base',
    ]);
  });

  it('lists every entity type in the trace', async () => {
    const { notes } = await resolve('Which person discovered the element hydrogen?');
    expect(notes.reason).toBe('entity; attributes []; relations [discovered_by]; types [element, person]');
  });

  it('does not report leftover words when the question names a type, or when they look like names', async () => {
    expect((await resolve('Which element blorfed hydrogen?')).slots.open).toEqual([]);
    expect((await resolve('What about Vibranium and hydrogen?')).slots.open).toEqual([]);
  });

  it('reads a question word after a yes/no opener as a content question', async () => {
    expect((await resolve('Is hydrogen what Henry Cavendish discovered?')).slots.kind).toBe('entity');
    expect((await resolve('Was it Henry Cavendish who discovered hydrogen?')).slots.kind).toBe('entity');
  });

  it('counts only after "how many" or "how much"', async () => {
    expect((await resolve('How was hydrogen discovered?')).slots.kind).toBe('entity');
    expect((await resolve('Which person discovered many elements?')).slots.kind).toBe('list');
    // "How many <attribute>" of related entities counts them; of the anchor it is the attribute.
    const library = aLibraryKnowledgeBase().kb;
    expect(
      (await resolve('How many languages were the books written by Frank Herbert in?', library)).slots.kind,
    ).toBe('count');
    expect((await resolve('How many languages is Dune in?', library)).slots.kind).toBe('attribute');
    expect((await resolve('How much did Humphry Davy discover?')).slots.kind).toBe('count');
  });

  it('counts "the number of" related entities', async () => {
    const library = () => aLibraryKnowledgeBase().kb;
    expect(
      (await resolve('What is the number of books written by Frank Herbert?', library())).slots.kind,
    ).toBe('count');
    // Without a relation to count along it is a list of the type.
    expect((await resolve('What is the number of books?', library())).slots.kind).toBe('list');
    // "of" alone does not make a count.
    expect((await resolve('Where was the publisher of Dune located?', library())).slots.kind).toBe('entity');
  });

  it('asks for an attribute of the anchor, or of a related entity when the attribute comes first', async () => {
    // The attribute sits after a relation: the question is about the related entity itself.
    expect((await resolve('Who discovered the element with atomic number 1?')).slots.kind).toBe('entity');
    // No relation: an attribute anywhere in the question is the answer.
    const tell = await resolve('Tell me the melting point of iron');
    expect(tell.slots.kind).toBe('attribute');
    expect(tell.slots.filled).toEqual([expect.objectContaining({ name: 'melting_point', value: 1811 })]);
    // One of two attributes coming first is enough.
    expect(
      (
        await resolve(
          'What is the melting point of the element discovered by Humphry Davy with atomic number 11?',
        )
      ).slots.kind,
    ).toBe('attribute');
  });

  it('reads a plural type, or a list opener, as a list and nothing else', async () => {
    expect((await resolve('Which elements exist?')).slots.kind).toBe('list');
    // "company" is singular though its stem differs from the word.
    expect((await resolve('Which company published Dune?', aLibraryKnowledgeBase().kb)).slots.kind).toBe(
      'entity',
    );
    expect((await resolve('Named by whom was hydrogen?')).slots.kind).toBe('entity');
    expect((await resolve('Nickname of hydrogen?')).slots.kind).toBe('entity');
    expect((await resolve('What did Henry Cavendish discover?')).slots.kind).toBe('entity');
    expect((await resolve('Who are Henry Cavendish and Antoine Lavoisier?')).slots.kind).toBe('entity');
  });

  describe('dropping partial matches covered by another kind', () => {
    const partial = (name: string, ...positions: number[]): TermMatch => ({
      ...aTerm(name, ...positions),
      score: 0.5,
    });

    it('drops a partial match whose words a full match of another kind explains', () => {
      const matched = {
        attribute: [partial('language_id', 3)],
        relationType: [],
        entityType: [aTerm('language', 3)],
      };
      dropCoveredAcrossKinds(matched);
      expect(matched.attribute).toEqual([]);
      expect(matched.entityType).toEqual([aTerm('language', 3)]);
    });

    it('keeps it against a full match of its own kind, a partial match, or a cover of some of its words', () => {
      const matched = {
        attribute: [partial('language_id', 3), aTerm('language', 3, 4)],
        relationType: [partial('spoken_in', 3), aTerm('located_in', 6)],
        entityType: [partial('region_name', 5, 6)],
      };
      dropCoveredAcrossKinds(matched);
      expect(matched.attribute).toEqual([partial('language_id', 3), aTerm('language', 3, 4)]);
      // "spoken_in" is covered by the full attribute match "language": dropped.
      expect(matched.relationType).toEqual([aTerm('located_in', 6)]);
      expect(matched.entityType).toEqual([partial('region_name', 5, 6)]);
    });

    it('keeps partial matches that only cover each other', () => {
      const matched = {
        attribute: [partial('language_id', 3)],
        relationType: [],
        entityType: [partial('language_family', 3)],
      };
      dropCoveredAcrossKinds(matched);
      expect(matched.attribute).toHaveLength(1);
      expect(matched.entityType).toHaveLength(1);
    });
  });

  describe('embedding matches (level 2)', () => {
    /**
     * Identifies the question's entities without an embedder, then runs slot resolution at
     * `level` with `vectors` scripted (word or vocabulary name -> components; cosines below are
     * exact: [4, 3] against [1, 0] is 0.8, [3, 4] is 0.6, [24, 7] is 0.96, [12, 5] is 12/13).
     */
    async function resolveWith(
      question: string,
      vectors: Record<string, number[]>,
      options: { level?: number; vectorTerm?: number } = {},
    ) {
      const { kb, e } = aChemistryKnowledgeBase();
      const level = options.level ?? 2;
      const state = await upTo(servicesFor(kb), question, 'identification', { level });
      const embedder = new ScriptedEmbedder(vectors, 5);
      const services = createServices(
        { store: kb, embedder },
        options.vectorTerm === undefined ? {} : { thresholds: { vectorTerm: options.vectorTerm } },
      );
      const { output, notes } = await runNode<'slots'>(slotResolutionNode(services), {
        ...state,
        memory: { ...state.memory!, level },
      });
      return { slots: output.slots, notes, e, embedded: embedder.requests.flat() };
    }

    it('reads an unknown word as the vocabulary name its vector is closest to, and fills it', async () => {
      const { slots, notes, e } = await resolveWith('What is the heft of iron?', {
        heft: [1, 0],
        'atomic mass': [4, 3],
      });
      expect(slots.attributes).toEqual([
        { name: 'atomic_mass', score: 0.8 * 0.9, positions: [3], method: 'embedding' },
      ]);
      expect(slots.kind).toBe('attribute');
      expect(slots.filled).toEqual([
        {
          kind: 'attribute',
          entity: expect.objectContaining({ id: e.iron.id }),
          name: 'atomic_mass',
          value: 55.845,
        },
      ]);
      expect(slots.open).toEqual([]);
      expect(slots.freeWords).toEqual([]);
      expect(notes.decision).toBe('filled-from-entities');
      expect(notes.reason).toBe('attribute; attributes [atomic_mass]; relations []; types [] (embedding)');
    });

    it('does not embed on the first pass', async () => {
      const { slots, notes, embedded } = await resolveWith(
        'What is the heft of iron?',
        { heft: [1, 0], 'atomic mass': [4, 3] },
        { level: 1 },
      );
      expect(embedded).toEqual([]);
      expect(slots.attributes).toEqual([]);
      expect(slots.open).toEqual(['nothing recorded about "heft" of Iron']);
      expect(notes.reason).not.toContain('(embedding)');
    });

    it('keeps a match at exactly the threshold and drops one just below it', async () => {
      const vectors = { heft: [1, 0], 'atomic mass': [4, 3] };
      expect(
        (await resolveWith('What is the heft of iron?', vectors, { vectorTerm: 0.8 })).slots.attributes,
      ).toEqual([expect.objectContaining({ name: 'atomic_mass' })]);
      const below = await resolveWith('What is the heft of iron?', vectors, { vectorTerm: 0.8000001 });
      expect(below.slots.attributes).toEqual([]);
      expect(below.notes.reason).not.toContain('(embedding)');
      // The default threshold (0.6) keeps a cosine of exactly 0.6.
      expect(
        (await resolveWith('What is the heft of iron?', { heft: [1, 0], 'atomic mass': [3, 4] })).slots
          .attributes,
      ).toEqual([expect.objectContaining({ name: 'atomic_mass', score: 0.6 * 0.9 })]);
      expect(
        (await resolveWith('What is the heft of iron?', { heft: [1, 0], 'atomic mass': [5, 12] })).slots
          .attributes,
      ).toEqual([]);
    });

    it('refuses a near tie between two names of one kind, and accepts a clear winner', async () => {
      const tie = await resolveWith('What is the heft of iron?', {
        heft: [1, 0],
        'atomic mass': [24, 7], // 0.96
        'melting point': [12, 5], // 0.923: within 0.05
      });
      expect(tie.slots.attributes).toEqual([]);
      expect(tie.slots.open).toEqual(['nothing recorded about "heft" of Iron']);
      const clear = await resolveWith('What is the heft of iron?', {
        heft: [1, 0],
        'atomic mass': [24, 7], // 0.96
        'melting point': [4, 3], // 0.8
      });
      expect(clear.slots.attributes).toEqual([
        expect.objectContaining({ name: 'atomic_mass', score: 0.96 * 0.9 }),
      ]);
    });

    it('judges the margin against names of the same kind, not a close name of another kind', async () => {
      const { slots } = await resolveWith('What is the heft of iron?', {
        heft: [1, 0],
        'atomic mass': [24, 7], // 0.96
        'discovered by': [12, 5], // 0.923, a relation type
      });
      expect(slots.attributes).toEqual([expect.objectContaining({ name: 'atomic_mass' })]);
      expect(slots.relationTypes).toEqual([]);
    });

    it('keeps one word per kind: the closest', async () => {
      const vectors = { heft: [1, 0], weight: [0, 1], 'atomic mass': [4, 3], 'melting point': [0, 1] };
      // "heft" -> atomic mass at 0.8; "weight" -> melting point at 1.0, which wins the kind.
      const { slots } = await resolveWith('What is the heft weight of iron?', vectors);
      expect(slots.attributes).toEqual([
        { name: 'melting_point', score: 0.9, positions: [4], method: 'embedding' },
      ]);
      // The same with the words the other way round: the first, stronger one stays.
      const swapped = await resolveWith('What is the weight heft of iron?', vectors);
      expect(swapped.slots.attributes).toEqual([
        { name: 'melting_point', score: 0.9, positions: [3], method: 'embedding' },
      ]);
    });

    it('matches relation types by embedding too, and answers them by traversal', async () => {
      const { slots, notes } = await resolveWith('Who found hydrogen?', {
        found: [1, 0],
        'discovered by': [1, 0],
      });
      expect(slots.relationTypes).toEqual([
        { name: 'discovered_by', score: 0.9, positions: [1], method: 'embedding' },
      ]);
      expect(slots.kind).toBe('entity');
      expect(notes.decision).toBe('needs-traversal');
    });

    it('embeds only free words and the vocabulary of kinds still unmatched, never entity types or numbers', async () => {
      const { embedded } = await resolveWith('Which element has 26 heft?', { heft: [1, 0] });
      expect(embedded).toContain('heft');
      expect(embedded).toContain('atomic mass');
      expect(embedded).toContain('discovered by');
      expect(embedded).not.toContain('26');
      expect(embedded).not.toContain('element');
      expect(embedded).not.toContain('which');
      // An attribute named in the question takes attributes out of the embedding.
      const named = await resolveWith('What is the atomic mass heft of iron?', { heft: [1, 0] });
      expect(named.embedded).toContain('heft');
      expect(named.embedded).not.toContain('atomic mass');
      expect(named.embedded).not.toContain('melting point');
      expect(named.embedded).toContain('named by');
      // Nothing left to place: no embedding at all.
      expect((await resolveWith('What is the atomic mass of iron?', {})).embedded).toEqual([]);
    });
    it('accepts a winner by exactly the margin', async () => {
      // cosines exactly 1/10 and 1/20: the lead is exactly 0.05.
      const { slots } = await resolveWith(
        'What is the heft of iron?',
        { heft: [1, 0], 'atomic mass': [1, 9, 3, 3], 'melting point': [1, 19, 6, 1, 1] },
        { vectorTerm: 0.1 },
      );
      expect(slots.attributes).toEqual([expect.objectContaining({ name: 'atomic_mass' })]);
    });

    it('on a tie between words of one kind keeps the first, and compares like with like', async () => {
      const tie = await resolveWith('What is the heft weight of iron?', {
        heft: [1, 0, 0],
        weight: [0, 1, 0],
        'atomic mass': [4, 3, 0], // heft 0.8
        'melting point': [0, 4, 3], // weight 0.8
      });
      expect(tie.slots.attributes).toEqual([
        { name: 'atomic_mass', score: 0.8 * 0.9, positions: [3], method: 'embedding' },
      ]);
      const weaker = await resolveWith('What is the heft weight of iron?', {
        heft: [1, 0, 0],
        weight: [0, 1, 0],
        'atomic mass': [24, 7, 0], // heft 0.96
        'melting point': [0, 4, 3], // weight 0.8
      });
      expect(weaker.slots.attributes).toEqual([
        expect.objectContaining({ name: 'atomic_mass', positions: [3] }),
      ]);
    });

    it('places the first word of the question, and words mixing digits and letters', async () => {
      expect(
        (await resolveWith('Heft of iron?', { heft: [1, 0], 'atomic mass': [1, 0] })).slots.attributes,
      ).toEqual([expect.objectContaining({ name: 'atomic_mass', positions: [0] })]);
      const { embedded } = await resolveWith('What is the co2 3d of iron?', {});
      expect(embedded).toContain('co2');
      expect(embedded).toContain('3d');
    });

    it('does not embed entity types, nor anything once every kind is matched', async () => {
      const { embedded } = await resolveWith('What is the heft of iron?', { heft: [1, 0] });
      expect(embedded).toContain('atomic mass');
      expect(embedded).not.toContain('element');
      expect(embedded).not.toContain('person');
      const all = await resolveWith(
        'What is the atomic mass heft of the element discovered by Henry Cavendish?',
        { heft: [1, 0] },
      );
      expect(all.embedded).toEqual([]);
      expect(all.notes.reason).not.toContain('(embedding)');
      const none = await resolveWith('What is the atomic mass of iron?', {});
      expect(none.notes.reason).not.toContain('(embedding)');
    });
  });

  describe('wording', () => {
    const kindOf = async (question: string) => (await resolve(question)).slots.kind;

    it('counts only after "how many" / "how much"', async () => {
      expect(await kindOf('How many elements did Humphry Davy discover?')).toBe('count');
      expect(await kindOf('How was hydrogen named?')).not.toBe('count');
      expect(await kindOf('Who discovered many elements like neon?')).not.toBe('count');
      expect(await kindOf('What number of protons has iron?')).not.toBe('count');
      expect(await kindOf('How much is the atomic mass of iron?')).toBe('count');
    });

    it('lists for plural types and list words, not for a singular type or a look-alike word', async () => {
      expect(await kindOf('Name the elements discovered by Humphry Davy')).toBe('list');
      expect(await kindOf('Enumerate what Humphry Davy discovered')).toBe('list');
      expect(await kindOf('Which element did Henry Cavendish discover?')).toBe('entity');
      expect(await kindOf('Namely, who discovered hydrogen?')).toBe('entity');
      expect(await kindOf('What is hydrogen?')).toBe('entity');
      expect(await kindOf('Who are the discoverers of hydrogen?')).toBe('entity');
    });

    it('does not fill an attribute from the anchor of a relation question', async () => {
      const { slots } = await resolve(
        'What is the atomic mass of the element discovered by Henry Cavendish?',
      );
      expect(slots.filled).toEqual([]);
      expect(slots.open).toEqual([]);
    });

    it('lists relation types in the order the question names them', async () => {
      const forward = await resolve('Who named the element discovered by Henry Cavendish?');
      expect(forward.slots.relationTypes.map((r) => r.name)).toEqual(['named_by', 'discovered_by']);
    });

    it('skips an opening imperative, and only there', async () => {
      expect((await resolve('Tell me the atomic mass of iron')).slots.freeWords).toEqual([]);
      expect((await resolve('Blorf of hydrogen?')).slots.freeWords).toEqual(['blorf']);
      expect((await resolve('What is the tell of iron?')).slots.freeWords).toEqual(['tell']);
    });
  });

  describe('open questions naming several things', () => {
    it('joins attributes with "or" and entities with commas', async () => {
      const { slots, notes } = await resolve(
        'What is the melting point or boiling point of hydrogen and helium?',
      );
      expect(slots.open).toEqual(['no boiling point or melting point recorded for Hydrogen, Helium']);
      expect(notes.reason).toBe(
        'attribute; attributes [boiling_point, melting_point]; relations []; types []',
      );
    });

    it('quotes each unplaced word and each unknown name', async () => {
      expect((await resolve('What about the blorf and the zorp of hydrogen and neon?')).slots.open).toEqual([
        'nothing recorded about "blorf", "zorp" of Hydrogen, Neon',
      ]);
      expect((await resolve('What is the atomic mass of Vibranium or Adamantium?')).slots.open).toEqual([
        'no entity named "Vibranium" or "Adamantium" in the knowledge base',
      ]);
      expect((await resolve('Tell me blorf or zorp')).slots.open).toEqual([
        'no entity matching "blorf" or "zorp" in the knowledge base',
      ]);
    });
  });
});
