/**
 * Mutation-testing gate for the lexicon: the capped edit distance, the English stemmer, the
 * vocabulary index (question words to relationship types, attributes, entity types) and the alias
 * dictionary (exact, stemmed and typo matches, refresh from the store's watermark).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeText, type AliasEntry } from '@rustygpt/core';
import { AliasIndex, questionTokens } from '../src/lexicon/alias-index';
import { editDistance } from '../src/lexicon/edit-distance';
import { stem, stems } from '../src/lexicon/stem';
import { termWords, VocabularyIndex } from '../src/lexicon/vocabulary-index';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    expect(editDistance('iron', 'iron')).toBe(0);
    expect(editDistance('iron', 'icon')).toBe(1);
    expect(editDistance('iron', 'irn')).toBe(1);
    expect(editDistance('irn', 'iron')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('neon', 'enon')).toBe(1);
    expect(editDistance('tungsten', 'tungstne')).toBe(1);
    expect(editDistance('abcd', 'badc')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', '')).toBe(0);
  });

  it('answers cap + 1 as soon as the distance must exceed the cap', () => {
    expect(editDistance('a', 'abcde')).toBe(4);
    expect(editDistance('a', 'abcd')).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz')).toBe(4);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 6)).toBe(6);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('abcxyz', 'abcuvw', 2)).toBe(3);
  });
});

describe('stem', () => {
  it('maps irregular verb forms to the stem of their base form', () => {
    const irregular: [string, string][] = [
      ['made', 'make'],
      ['wrote', 'write'],
      ['written', 'write'],
      ['found', 'find'],
      ['began', 'begin'],
      ['begun', 'begin'],
      ['won', 'win'],
      ['sang', 'sing'],
      ['sung', 'sing'],
      ['led', 'lead'],
      ['built', 'build'],
      ['sold', 'sell'],
      ['taught', 'teach'],
      ['bought', 'buy'],
      ['held', 'hold'],
      ['grew', 'grow'],
      ['grown', 'grow'],
      ['known', 'know'],
      ['knew', 'know'],
      ['gave', 'give'],
      ['given', 'give'],
      ['took', 'take'],
      ['taken', 'take'],
      ['spoke', 'speak'],
      ['spoken', 'speak'],
      ['flew', 'fly'],
      ['flown', 'fly'],
      ['drew', 'draw'],
      ['drawn', 'draw'],
      ['ran', 'run'],
      ['saw', 'see'],
      ['seen', 'see'],
      ['went', 'go'],
      ['gone', 'go'],
      ['came', 'come'],
      ['became', 'become'],
      ['brought', 'bring'],
      ['thought', 'think'],
      ['told', 'tell'],
      ['left', 'leave'],
      ['met', 'meet'],
      ['paid', 'pay'],
      ['sent', 'send'],
      ['spent', 'spend'],
      ['stood', 'stand'],
      ['understood', 'understand'],
      ['wore', 'wear'],
      ['worn', 'wear'],
      ['chose', 'choose'],
      ['chosen', 'choose'],
      ['fought', 'fight'],
      ['caught', 'catch'],
      ['struck', 'strike'],
      ['shot', 'shoot'],
      ['threw', 'throw'],
      ['thrown', 'throw'],
      ['bore', 'bear'],
      ['borne', 'bear'],
      ['born', 'bear'],
      ['hid', 'hide'],
      ['hidden', 'hide'],
      ['rose', 'rise'],
      ['risen', 'rise'],
      ['fell', 'fall'],
      ['fallen', 'fall'],
      ['lost', 'lose'],
      ['kept', 'keep'],
      ['slept', 'sleep'],
      ['dealt', 'deal'],
      ['meant', 'mean'],
      ['lay', 'lie'],
      ['lain', 'lie'],
      ['froze', 'freeze'],
      ['frozen', 'freeze'],
      ['forgot', 'forget'],
      ['forgotten', 'forget'],
      ['broke', 'break'],
      ['broken', 'break'],
      ['ate', 'eat'],
      ['eaten', 'eat'],
      ['drove', 'drive'],
      ['driven', 'drive'],
      ['rode', 'ride'],
      ['ridden', 'ride'],
      ['wove', 'weave'],
      ['woven', 'weave'],
    ];
    for (const [form, base] of irregular) expect(`${form}: ${stem(form)}`).toBe(`${form}: ${stem(base)}`);
    expect(stem('wrote')).toBe('writ');
    expect(stem('laid')).toBe('lay');
  });

  it('leaves words of three letters or fewer and words with digits alone', () => {
    expect(stem('gas')).toBe('gas');
    expect(stem('ice')).toBe('ice');
    expect(stem('ties')).toBe('tie');
    expect(stem('b12s')).toBe('b12s');
    expect(stem('1990s')).toBe('1990s');
  });

  it('strips plural endings', () => {
    expect(stem('studies')).toBe('stud');
    expect(stem('classes')).toBe('class');
    expect(stem('axes')).toBe('ax');
    expect(stem('toes')).toBe('to');
    expect(stem('ches')).toBe('ch');
    expect(stem('shes')).toBe('sh');
    expect(stem('ozes')).toBe('oz');
    expect(stem('metals')).toBe('metal');
    expect(stem('runs')).toBe('run');
  });

  it('keeps the final s of -ss, -us and -is words', () => {
    expect(stem('glass')).toBe('glass');
    expect(stem('status')).toBe('status');
    expect(stem('basis')).toBe('basis');
  });

  it('strips past and progressive endings after a vowel, undoubling the last consonant', () => {
    expect(stem('carried')).toBe('carr');
    expect(stem('tied')).toBe('tied');
    expect(stem('walked')).toBe('walk');
    expect(stem('stopped')).toBe('stop');
    expect(stem('bled')).toBe('bled');
    expect(stem('shred')).toBe('shred');
    expect(stem('running')).toBe('run');
    expect(stem('thing')).toBe('thing');
    expect(stem('string')).toBe('string');
    expect(stem('singing')).toBe('sing');
    expect(stem('filling')).toBe('fill');
    expect(stem('missed')).toBe('miss');
    expect(stem('buzzed')).toBe('buzz');
    expect(stem('abbed')).toBe('abb');
    expect(stem('bidding')).toBe('bid');
  });

  it('turns an -erer agent noun into its verb, and strips a final y or e from longer words', () => {
    expect(stem('discoverer')).toBe('discover');
    expect(stem('discovered')).toBe('discover');
    expect(stem('terer')).toBe('terer');
    expect(stem('offerer')).toBe('offer');
    expect(stem('study')).toBe('stud');
    expect(stem('duty')).toBe('duty');
    expect(stem('make')).toBe('mak');
    expect(stem('ache')).toBe('ach');
  });

  it('stems every token of a list', () => {
    expect(stems(['gases', 'discovered', 'is'])).toEqual(['gas', 'discover', 'is']);
    expect(stems([])).toEqual([]);
  });
});

describe('termWords', () => {
  it('splits snake case, camel case and dotted names into lower-case words without accents', () => {
    expect(termWords('atomic_mass')).toEqual(['atomic', 'mass']);
    expect(termWords('discoveredBy')).toEqual(['discovered', 'by']);
    expect(termWords('chem.discovery')).toEqual(['chem', 'discovery']);
    expect(termWords('isotope2Count')).toEqual(['isotope2', 'count']);
    expect(termWords('Café_Owner')).toEqual(['cafe', 'owner']);
    expect(termWords('__x__')).toEqual(['x']);
    expect(termWords('')).toEqual([]);
  });
});

describe('VocabularyIndex', () => {
  const index = new VocabularyIndex({
    relationshipTypes: [
      { type: 'discovered_by', path: 'science.discovery.discovered_by', count: 4 },
      { type: 'orbits', path: 'astro.orbits', count: 2 },
      { type: 'of', path: 'of', count: 1 },
      { type: '__', path: '__', count: 1 },
    ],
    attributeNames: [
      { name: 'atomic_mass', count: 10 },
      { name: 'atomic_number', count: 10 },
      { name: 'mean_radius_km', count: 3 },
      { name: 'km', count: 1 },
      { name: 'boiling_point_of_water', count: 1 },
    ],
    entityTypes: [{ type: 'chemical_element', count: 118 }],
  });
  const q = (question: string): (string | null)[] =>
    question.split(' ').map((w) => (w === '_' ? null : stem(w)));

  it('prepares each vocabulary name with its content stems, path labels and count', () => {
    const byName = new Map(index.terms.map((t) => [t.name, t]));
    expect(byName.get('discovered_by')).toEqual({
      kind: 'relationType',
      name: 'discovered_by',
      stems: ['discover'],
      extra: ['scienc'],
      count: 4,
    });
    expect(byName.get('orbits')).toMatchObject({ stems: ['orbit'], extra: ['astro'] });
    expect(byName.get('of')).toMatchObject({ stems: ['of'], extra: [] });
    expect(byName.get('mean_radius_km')).toMatchObject({
      kind: 'attribute',
      stems: ['mean', 'radius'],
      count: 3,
    });
    expect(byName.get('km')).toMatchObject({ stems: ['km'] });
    expect(byName.get('boiling_point_of_water')).toMatchObject({ stems: ['boil', 'point', 'water'] });
    expect(byName.get('chemical_element')).toEqual({
      kind: 'entityType',
      name: 'chemical_element',
      stems: ['chemical', 'element'],
      extra: [],
      count: 118,
    });
    expect(byName.has('__')).toBe(false);
    expect(index.vocabulary.relationshipTypes).toHaveLength(4);
  });

  it('scores a term by the share of its words the question says, with their first positions', () => {
    expect(index.match('attribute', q('what is the atomic mass of iron and its mass'))).toEqual([
      { name: 'atomic_mass', score: 1, positions: [3, 4], method: 'lexical' },
    ]);
    expect(index.match('entityType', q('which chemical elements'))).toEqual([
      { name: 'chemical_element', score: 1, positions: [1, 2], method: 'lexical' },
    ]);
  });

  it('drops a term with less than a third of its words matched', () => {
    expect(index.match('attribute', q('the water'))).toEqual([]);
    expect(index.match('attribute', q('the boiling water'))).toEqual([
      { name: 'boiling_point_of_water', score: 2 / 3, positions: [1, 2], method: 'lexical' },
    ]);
  });

  it('counts a path label alone as weak evidence, and ignores unused positions', () => {
    expect(index.match('relationType', q('which astro body'))).toEqual([
      { name: 'orbits', score: 0.4, positions: [1], method: 'lexical' },
    ]);
    expect(index.match('relationType', q('who discovered it'))).toEqual([
      { name: 'discovered_by', score: 1, positions: [1], method: 'lexical' },
    ]);
    expect(index.match('relationType', q('_ discovered it'))).toEqual([
      { name: 'discovered_by', score: 1, positions: [1], method: 'lexical' },
    ]);
    expect(index.match('relationType', q('_ _'))).toEqual([]);
  });

  it('keeps the path label positions of a term matched by its own words too, once each, sorted', () => {
    expect(index.match('relationType', q('science discovered discovery'))).toEqual([
      { name: 'discovered_by', score: 1, positions: [0, 1], method: 'lexical' },
    ]);
  });

  it('matches only terms of the kind asked', () => {
    expect(index.match('relationType', q('atomic mass'))).toEqual([]);
    expect(index.match('entityType', q('atomic mass'))).toEqual([]);
  });

  it('drops a weaker match whose words a stronger one covers, keeps matches on other words', () => {
    const both = index.match('attribute', q('atomic mass radius'));
    expect(both.map((m) => [m.name, m.score])).toEqual([
      ['atomic_mass', 1],
      ['mean_radius_km', 0.5],
    ]);
    const tie = new VocabularyIndex({
      relationshipTypes: [],
      attributeNames: [
        { name: 'melting_point', count: 1 },
        { name: 'boiling_point', count: 1 },
        { name: 'point', count: 1 },
      ],
      entityTypes: [],
    });
    expect(tie.match('attribute', q('melting point')).map((m) => m.name)).toEqual(['melting_point', 'point']);
    expect(tie.match('attribute', q('boiling melting')).map((m) => m.name)).toEqual([
      'melting_point',
      'boiling_point',
    ]);
  });

  it('orders equal scores by the number of positions matched', () => {
    const idx = new VocabularyIndex({
      relationshipTypes: [],
      attributeNames: [
        { name: 'mass', count: 1 },
        { name: 'atomic_mass', count: 1 },
      ],
      entityTypes: [],
    });
    expect(idx.match('attribute', q('atomic mass')).map((m) => m.name)).toEqual(['atomic_mass', 'mass']);
  });
});

const entry = (
  entityId: number,
  alias: string,
  entityType = 'thing',
  state: AliasEntry['state'] = 'active',
) => ({
  entityId,
  alias,
  normalized: normalizeText(alias),
  entityType,
  state,
});

const hits = (index: AliasIndex, question: string, options: { fuzzy?: boolean; skip?: Set<number> } = {}) =>
  index
    .match(questionTokens(question), options)
    .map(
      (h) => `${h.start}-${h.end} ${h.method}:${h.entries.map((e) => e.entityId).join('|')} d${h.distance}`,
    );

describe('questionTokens', () => {
  it('keeps original spellings without accents and marks clause boundaries', () => {
    expect(questionTokens('Is Ångström in Café, or He? and X')).toEqual({
      original: ['Is', 'Angstrom', 'in', 'Cafe', 'or', 'He', 'and', 'X'],
      normalized: ['is', 'angstrom', 'in', 'cafe', 'or', 'he', 'and', 'x'],
      boundaryAfter: [false, false, false, true, false, true, false, true],
    });
    expect(questionTokens("Davy's lamp and Curie or Bohr").boundaryAfter).toEqual([
      false,
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(questionTokens('android oracle').boundaryAfter).toEqual([false, true]);
    expect(questionTokens('')).toEqual({ original: [], normalized: [], boundaryAfter: [] });
  });
});

describe('AliasIndex', () => {
  it('indexes entries by entity, replacing them on apply and dropping archived ones', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'Iron'), entry(1, 'Fe'), entry(2, 'Neon')]);
    expect(index.size).toBe(2);
    expect(index.entriesOf(1).map((e) => e.alias)).toEqual(['Iron', 'Fe']);
    expect(index.entriesOf(9)).toEqual([]);
    index.apply([entry(1, 'Ferrum')]);
    expect(index.entriesOf(1).map((e) => e.alias)).toEqual(['Ferrum']);
    expect(hits(index, 'iron ferrum')).toEqual(['1-2 exact:1 d0']);
    index.apply([entry(2, 'Neon', 'thing', 'archived')]);
    expect(index.size).toBe(1);
    expect(hits(index, 'neon')).toEqual([]);
    index.forget([1, 5]);
    expect(index.size).toBe(0);
    expect(hits(index, 'ferrum')).toEqual([]);
  });

  it('keeps one entry per entity under a key, and the other entities when one is replaced', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'Mercury'), entry(1, 'mercury'), entry(2, 'Mercury')]);
    expect(hits(index, 'mercury')).toEqual(['0-1 exact:1|2 d0']);
    index.apply([entry(1, 'Quicksilver')]);
    expect(hits(index, 'mercury')).toEqual(['0-1 exact:2 d0']);
    expect(hits(index, 'mercuries')).toEqual(['0-1 stem:2 d0']);
  });

  it('matches longest first, left to right, without overlaps, and skips tokens asked to', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'New York'), entry(2, 'York'), entry(3, 'New'), entry(4, 'Old Town Hall')]);
    expect(hits(index, 'new york old town hall')).toEqual(['0-2 exact:1 d0', '2-5 exact:4 d0']);
    expect(hits(index, 'new york', { skip: new Set([0, 9]) })).toEqual(['1-2 exact:2 d0']);
    expect(hits(index, 'new york', { skip: new Set([1]) })).toEqual(['0-1 exact:3 d0']);
    expect(hits(index, 'york new')).toEqual(['0-1 exact:2 d0', '1-2 exact:3 d0']);
  });

  it('also matches a name after "the" without it, for names long enough', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'The Long Night'), entry(2, 'The Cure')]);
    expect(hits(index, 'long night')).toEqual(['0-2 exact:1 d0']);
    expect(hits(index, 'cure')).toEqual([]);
    expect(hits(index, 'the cure')).toEqual(['0-2 exact:2 d0']);
    index.apply([entry(1, 'Dawn')]);
    expect(hits(index, 'long night')).toEqual([]);
  });

  it('matches inflected forms by stem, not words shorter than the name nor phrases under three letters', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'Bohr'), entry(2, 'Noble Gas'), entry(3, 'Ox')]);
    expect(hits(index, "Bohr's lab")).toEqual(['0-1 exact:1 d0']);
    expect(hits(index, 'bohrs')).toEqual(['0-1 stem:1 d0']);
    expect(hits(index, 'noble gases')).toEqual(['0-2 stem:2 d0']);
    expect(hits(index, 'oxes')).toEqual([]);
  });

  it('reads an inflected entity type as the type, for stems and typos alike', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'Planet', 'planet'), entry(2, 'Planetoid', 'asteroid')]);
    expect(hits(index, 'planets')).toEqual([]);
    expect(hits(index, 'planet')).toEqual(['0-1 exact:1 d0']);
    expect(hits(index, 'planxt', { fuzzy: true })).toEqual(['0-1 fuzzy:1 d1']);
    expect(hits(index, 'planetoids')).toEqual(['0-1 stem:2 d0']);
  });

  it('never matches a lone function word by stem or typo', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'Thes'), entry(2, 'Andes')]);
    expect(hits(index, 'the', { fuzzy: true })).toEqual([]);
    expect(hits(index, 'and', { fuzzy: true })).toEqual([]);
    expect(hits(index, 'thes')).toEqual(['0-1 exact:1 d0']);
  });

  it('matches a short function-word alias only as spelt, not first, and at a clause end', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'He', 'element'), entry(2, 'I', 'element'), entry(3, 'Os', 'element')]);
    expect(hits(index, 'What is the mass of He?')).toEqual(['5-6 exact:1 d0']);
    expect(hits(index, 'What is the mass of he?')).toEqual([]);
    expect(hits(index, 'He is light')).toEqual([]);
    expect(hits(index, 'Is He light')).toEqual([]);
    expect(hits(index, 'Compare He and Os')).toEqual(['1-2 exact:1 d0', '3-4 exact:3 d0']);
    expect(hits(index, 'Compare Os and I')).toEqual(['1-2 exact:3 d0', '3-4 exact:2 d0']);
    expect(hits(index, 'Compare os')).toEqual(['1-2 exact:3 d0']);
  });

  it('fuzzy-matches only when asked, one edit per word, two for words of ten letters or more', () => {
    const index = new AliasIndex();
    index.apply([
      entry(1, 'Tungsten'),
      entry(2, 'Praseodymium'),
      entry(3, 'Iron'),
      entry(4, 'Marie Curie'),
      entry(5, 'Tin'),
      entry(6, 'Jon Snow'),
    ]);
    expect(hits(index, 'tungstne')).toEqual([]);
    expect(hits(index, 'tungstne', { fuzzy: true })).toEqual(['0-1 fuzzy:1 d1']);
    expect(hits(index, 'tangstne', { fuzzy: true })).toEqual([]);
    expect(hits(index, 'prasoedymiun', { fuzzy: true })).toEqual(['0-1 fuzzy:2 d2']);
    expect(hits(index, 'prasoedimiumm', { fuzzy: true })).toEqual([]);
    expect(hits(index, 'iorn', { fuzzy: true })).toEqual(['0-1 fuzzy:3 d1']);
    expect(hits(index, 'irn', { fuzzy: true })).toEqual([]);
    expect(hits(index, 'mary curie', { fuzzy: true })).toEqual([]);
    expect(hits(index, 'marie curei', { fuzzy: true })).toEqual(['0-2 fuzzy:4 d1']);
    expect(hits(index, 'maire cruie', { fuzzy: true })).toEqual(['0-2 fuzzy:4 d2']);
    expect(hits(index, 'marie', { fuzzy: true })).toEqual([]);
    expect(hits(index, 'tinn', { fuzzy: true })).toEqual(['0-1 fuzzy:5 d1']);
    expect(hits(index, 'tix', { fuzzy: true })).toEqual([]);
    expect(hits(index, 'jan snow', { fuzzy: true })).toEqual([]);
    expect(hits(index, 'jon snwo', { fuzzy: true })).toEqual(['0-2 fuzzy:6 d1']);
    expect(hits(index, 'iron2', { fuzzy: true })).toEqual([]);
  });

  it('prefers the closest typo reading and reports every entity at that distance', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'Boron'), entry(2, 'Baron'), entry(3, 'Bacon'), entry(4, 'Boran')]);
    expect(hits(index, 'borxn', { fuzzy: true })).toEqual(['0-1 fuzzy:1|4 d1']);
    index.apply([entry(5, 'Brakes'), entry(6, 'Brokes')]);
    expect(hits(index, 'brikes', { fuzzy: true })).toEqual(['0-1 fuzzy:5|6 d1']);
  });

  it('knows the unique last word of multi-word names of four letters or more', () => {
    const index = new AliasIndex();
    index.apply([
      entry(1, 'Humphry Davy'),
      entry(2, 'Marie Curie'),
      entry(3, 'Pierre Curie'),
      entry(4, 'Davy'),
      entry(5, 'Jean Li'),
      entry(6, 'Agent 4711'),
    ]);
    expect(index.byLastWord('davy')).toBe(1);
    expect(index.byLastWord('curie')).toBeNull();
    expect(index.byLastWord('li')).toBeNull();
    expect(index.byLastWord('4711')).toBeNull();
    expect(index.byLastWord('nobody')).toBeNull();
    index.apply([entry(3, 'Pierre')]);
    expect(index.byLastWord('curie')).toBe(2);
    index.forget([1]);
    expect(index.byLastWord('davy')).toBeNull();
  });

  describe('refresh', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(1_000_000);
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    type Listed = { entries: AliasEntry[]; watermark: number; removedEntityIds?: number[] };
    const aStore = (answers: Listed[]) => {
      const calls: ({ changedSince?: number } | undefined)[] = [];
      return {
        calls,
        listAliases: (options?: { changedSince?: number }): Promise<Listed> => {
          calls.push(options);
          const next = answers.shift();
          return next ? Promise.resolve(next) : Promise.reject(new Error('no more'));
        },
      };
    };

    it('loads everything first, then only changes since the watermark, at most every interval', async () => {
      const index = new AliasIndex(100);
      const store = aStore([
        { entries: [entry(1, 'Iron')], watermark: 3 },
        { entries: [entry(2, 'Neon'), entry(2, 'Ne')], watermark: 7, removedEntityIds: [1, 2] },
      ]);
      expect(await index.refresh(store)).toEqual([]);
      expect(store.calls).toEqual([{}]);
      vi.setSystemTime(1_000_099);
      expect(await index.refresh(store)).toEqual([]);
      expect(store.calls).toHaveLength(1);
      vi.setSystemTime(1_000_100);
      expect(await index.refresh(store)).toEqual([2, 1]);
      expect(store.calls).toEqual([{}, { changedSince: 3 }]);
      expect(hits(index, 'iron neon')).toEqual(['1-2 exact:2 d0']);
    });

    it('refreshes on every call with an interval of 0, or when forced', async () => {
      const index = new AliasIndex(0);
      const store = aStore([
        { entries: [], watermark: 0 },
        { entries: [], watermark: 0 },
      ]);
      await index.refresh(store);
      expect(await index.refresh(store)).toEqual([]);
      expect(store.calls).toEqual([{}, { changedSince: 0 }]);
      const forced = new AliasIndex(60_000);
      const store2 = aStore([
        { entries: [], watermark: 4 },
        { entries: [entry(9, 'X')], watermark: 5 },
      ]);
      await forced.refresh(store2);
      expect(await forced.refresh(store2, true)).toEqual([9]);
    });

    it('refreshes every 250 ms by default', async () => {
      const index = new AliasIndex();
      const store = aStore([
        { entries: [], watermark: 1 },
        { entries: [], watermark: 2 },
      ]);
      await index.refresh(store);
      vi.setSystemTime(1_000_249);
      await index.refresh(store);
      expect(store.calls).toHaveLength(1);
      vi.setSystemTime(1_000_250);
      await index.refresh(store);
      expect(store.calls).toHaveLength(2);
    });

    it('shares one refresh between concurrent callers and retries after a failure', async () => {
      const index = new AliasIndex(0);
      const store = aStore([{ entries: [entry(1, 'Iron')], watermark: 1 }]);
      const [a, b] = await Promise.all([index.refresh(store), index.refresh(store)]);
      expect(a).toEqual([]);
      expect(b).toEqual([]);
      expect(store.calls).toHaveLength(1);
      await expect(index.refresh(store)).rejects.toThrow('no more');
      await expect(index.refresh(store)).rejects.toThrow('no more');
      expect(store.calls).toHaveLength(3);
    });
  });
});
