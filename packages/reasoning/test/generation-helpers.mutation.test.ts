/**
 * Mutation-testing gate for the generation helpers: extractive answering from passages (span
 * extraction), the grounding check of a model's phrasing, and the deterministic answer template.
 */
import { describe, expect, it } from 'vitest';
import type { Entity, Relationship } from '@rustygpt/core';
import { ungroundedTerms } from '../src/generation/grounding';
import { comparisonOptions, expectedAnswer, extractAnswer } from '../src/generation/span-extraction';
import { citationsFor, composeAnswer, describeFact, formatValue, toTokens } from '../src/generation/template';
import type { Assessment, Fact, Passage, Resolution, WorkingSet } from '../src/state';
import { aSlotFrame, aTerm } from './support/slot-frame';

const aPassage = (
  id: number,
  title: string | null,
  text: string,
  extra: { entityId?: number; score?: number } = {},
): Passage => ({
  resource: {
    id,
    workspaceId: 1,
    uri: `doc:${id}`,
    title,
    contentType: 'text/plain',
    text,
    contentHash: null,
    fetchedAt: null,
  },
  text,
  score: extra.score ?? 1,
  source: 'fulltext',
  ...(extra.entityId !== undefined ? { entityId: extra.entityId } : {}),
});

describe('comparisonOptions', () => {
  it('reads the capitalised run before "or" and everything after it', () => {
    expect(comparisonOptions('Which is older, the Eiffel Tower or the Tower Bridge?')).toEqual([
      'Eiffel Tower',
      'Tower Bridge',
    ]);
    expect(comparisonOptions('Who was born first, Marie Curie or Niels Bohr???')).toEqual([
      'Marie Curie',
      'Niels Bohr',
    ]);
    expect(comparisonOptions('  Which is bigger, Bank of America or HSBC  ')).toEqual([
      'Bank of America',
      'HSBC',
    ]);
    expect(comparisonOptions('Who was older, Ludwig van Beethoven or Mozart?')).toEqual([
      'Ludwig van Beethoven',
      'Mozart',
    ]);
    expect(comparisonOptions('Which came first, "Abbey Road" or Revolver?')).toEqual([
      '"Abbey Road"',
      'Revolver',
    ]);
    expect(comparisonOptions('Which band formed first, Blur or 2Pac?')).toEqual(['Blur', '2Pac']);
    expect(comparisonOptions('Which came first 1984 or Brave New World?')).toEqual([
      '1984',
      'Brave New World',
    ]);
  });

  it('drops leading connecting words of the left option', () => {
    expect(comparisonOptions('Which is older, The Hague or Paris?')).toEqual(['Hague', 'Paris']);
    expect(comparisonOptions('Which is older, Of Mice and Men or Ulysses?')).toEqual([
      'Mice and Men',
      'Ulysses',
    ]);
    expect(comparisonOptions('Which is older, For Whom or Ulysses?')).toEqual(['Whom', 'Ulysses']);
    expect(comparisonOptions('Which is older, And Then or Ulysses?')).toEqual(['Then', 'Ulysses']);
    expect(comparisonOptions('Which is older, & Co or Ulysses?')).toEqual(['Co', 'Ulysses']);
  });

  it('starts the left option only at a capitalised word, digit or quote', () => {
    expect(comparisonOptions('Is it red or blue?')).toBeNull();
    expect(comparisonOptions('Which is older, Paris of or Rome?')).toBeNull();
    expect(comparisonOptions('Which is older, Paris the or Rome?')).toBeNull();
    expect(comparisonOptions('Which is bigger, (Paris) or Rome?')).toEqual(['(Paris)', 'Rome']);
    expect(comparisonOptions("Which is bigger, 'Paris' or Rome?")).toEqual(["'Paris'", 'Rome']);
    expect(comparisonOptions('Which is bigger, “Paris” or Rome?')).toEqual(['“Paris”', 'Rome']);
    expect(comparisonOptions('Which is bigger, Éire or Rome?')).toEqual(['Éire', 'Rome']);
  });

  it('keeps words that only contain a connecting word, and needs single words split by any spaces', () => {
    expect(comparisonOptions('Which is older, Rome or Bathe Town?')).toEqual(['Rome', 'Bathe Town']);
    expect(comparisonOptions('Which is bigger, Breathe Town or Rome?')).toEqual(['Breathe Town', 'Rome']);
    expect(comparisonOptions('Which is bigger, big breathe Town or Rome?')).toEqual(['Town', 'Rome']);
    expect(comparisonOptions('Which is bigger, big theory Town or Rome?')).toEqual(['Town', 'Rome']);
    expect(comparisonOptions('Which is older, Eiffel  Tower or Rome?')).toEqual(['Eiffel Tower', 'Rome']);
    expect(comparisonOptions('Which is newer, the iPhone or Pixel?')).toBeNull();
  });

  it('finds no options without " or " followed by something', () => {
    expect(comparisonOptions('Which is older, Paris?')).toBeNull();
    expect(comparisonOptions('Which is older, Paris or?')).toBeNull();
    expect(comparisonOptions('Which is older, Paris orRome?')).toBeNull();
    expect(comparisonOptions('Which is older, Paris or the?')).toEqual(['Paris', 'the']);
  });
});

describe('expectedAnswer', () => {
  it('wants an option only for which/who/what/whose questions naming two options', () => {
    expect(expectedAnswer('Who was born first, Marie Curie or Niels Bohr?')).toEqual({
      expected: 'option',
      options: ['Marie Curie', 'Niels Bohr'],
    });
    expect(expectedAnswer('whose work came first, Marie Curie or Niels Bohr?').expected).toBe('option');
    expect(expectedAnswer('What is older, Rome or Paris?').expected).toBe('option');
    expect(expectedAnswer('Is Paris bigger than Rome or Milan?')).toEqual({ expected: 'yesno', options: [] });
    expect(expectedAnswer('Name the older, Rome or Paris?').expected).toBe('phrase');
  });

  it('wants yes or no for questions opening with an auxiliary verb', () => {
    for (const q of [
      'Is it',
      'are they',
      'Was it',
      'Were they',
      'Do they',
      'Does it',
      'Did it',
      'Can it',
      'Could it',
      'Has it',
      'Have they',
      'Had it',
    ])
      expect(`${q}: ${expectedAnswer(`${q} true?`).expected}`).toBe(`${q}: yesno`);
    expect(expectedAnswer('This is it?').expected).toBe('phrase');
  });

  it('wants a year, a number, a name or a phrase by the question words', () => {
    const cases: [string, string][] = [
      ['When was it built?', 'year'],
      ['What year was it built?', 'year'],
      ['Which year was it built?', 'year'],
      ['What date was it built?', 'year'],
      ['In what year was it built?', 'year'],
      ['Whenever it rains?', 'phrase'],
      ['How many floors are there?', 'number'],
      ['How much did it cost?', 'number'],
      ['How long is it?', 'number'],
      ['How old is it?', 'number'],
      ['How tall is it?', 'number'],
      ['How far is it?', 'number'],
      ['How big is it?', 'number'],
      ['How was it?', 'phrase'],
      ['Who built it?', 'name'],
      ['Whom did she marry?', 'name'],
      ['Whose idea was it?', 'name'],
      ['The man who built it?', 'name'],
      ['Which tower is tallest?', 'name'],
      ['What tower is tallest?', 'name'],
      ['Tell me about the tower.', 'phrase'],
    ];
    for (const [q, kind] of cases)
      expect({ q, ...expectedAnswer(q) }).toEqual({ q, expected: kind, options: [] });
  });

  it('reads question words only where they open the question, after trimming', () => {
    expect(expectedAnswer('Tell me which is older, Rome or Paris?').expected).toBe('phrase');
    expect(expectedAnswer('The man whom she married?').expected).toBe('phrase');
    expect(expectedAnswer('Tell me what it is.').expected).toBe('phrase');
    expect(expectedAnswer('  Is it true?').expected).toBe('yesno');
  });
});

describe('extractAnswer', () => {
  const tower = aPassage(
    1,
    'Eiffel Tower',
    'The Eiffel Tower is a wrought-iron tower in Paris. It was designed by Gustave Eiffel and completed in 1889. The tower has 108 floors. It receives 7 million visitors a year!',
    { entityId: 7 },
  );
  const bridge = aPassage(2, 'Tower Bridge', 'Tower Bridge is a bridge in London, completed in 1894.');

  it('answers nothing without passages or without content words in the question', () => {
    expect(extractAnswer('When was the Eiffel Tower completed?', [])).toBeNull();
    expect(extractAnswer('Who is it?', [tower])).toBeNull();
  });

  it('answers nothing when no sentence shares a word with the question', () => {
    expect(extractAnswer('When did the Beatles split?', [tower, bridge])).toBeNull();
  });

  it('answers yes from the best sentence of a yes/no question', () => {
    expect(extractAnswer('Was the Eiffel Tower designed by Gustave Eiffel?', [bridge, tower])).toMatchObject({
      text: 'yes',
      passage: { resource: { id: 1 } },
    });
  });

  it('picks a year, a number or a name of the best sentence, by the expected type', () => {
    expect(extractAnswer('When was the Eiffel Tower completed?', [tower, bridge])?.text).toBe('1889');
    expect(extractAnswer('When was Tower Bridge completed?', [tower, bridge])?.text).toBe('1894');
    expect(extractAnswer('How many floors does the Eiffel Tower have?', [tower, bridge])?.text).toBe('108');
    expect(extractAnswer('How many visitors does the Eiffel Tower receive?', [tower, bridge])?.text).toBe(
      '7 million',
    );
    const designer = extractAnswer('Who designed the Eiffel Tower?', [bridge, tower]);
    expect(designer?.text).toBe('Gustave Eiffel');
    expect(designer?.passage.resource.id).toBe(1);
    expect(designer!.score).toBeGreaterThan(0);
  });

  it('reads full dates, and numbers with separators', () => {
    const revolution = aPassage(
      3,
      'Bastille',
      'The Bastille was stormed on 14 July 1789. The fortress was built in April 1370. The prison held 1,000 prisoners over time. The treaty was signed on March 3, 1371 in Paris.',
    );
    expect(extractAnswer('When was the Bastille stormed?', [revolution])?.text).toBe('14 July 1789');
    expect(extractAnswer('When was the fortress built?', [revolution])?.text).toBe('April 1370');
    expect(extractAnswer('When was the treaty signed?', [revolution])?.text).toBe('March 3, 1371');
    expect(extractAnswer('How many prisoners did the prison hold?', [revolution])?.text).toBe('1,000');
  });

  it('reads names with particles and apostrophes, and amounts in words', () => {
    const p = aPassage(
      16,
      'Symphony',
      "The symphony was written by Ludwig van Beethoven. The score was printed by O'Brien & Sons. The hall seats 2.5 thousand people. The organ has 300 hundred pipes. The city spent 3 billion euros. It was built in 987.",
    );
    expect(extractAnswer('Who wrote the symphony?', [p])?.text).toBe('Ludwig van Beethoven');
    expect(extractAnswer('Who printed the score?', [p])?.text).toBe("O'Brien & Sons");
    expect(extractAnswer('How many people does the hall seat?', [p])?.text).toBe('2.5 thousand');
    expect(extractAnswer('How many pipes does the organ have?', [p])?.text).toBe('300 hundred');
    expect(extractAnswer('How much did the city spend?', [p])?.text).toBe('3 billion');
    expect(extractAnswer('When was it built?', [p])?.text).toBe('987');
  });

  it('weighs a shared word by its rarity across the sentences', () => {
    const p = aPassage(
      17,
      null,
      'The summit rose in 1786. The glacier melted in 1865. The summit is high. The summit is cold.',
    );
    expect(extractAnswer('When was the glacier summit seen?', [p])?.text).toBe('1865');
  });

  it('takes the first candidate of the best sentence', () => {
    const p = aPassage(18, null, 'The tower was built in 1887 and opened in 1889.');
    expect(extractAnswer('When was the tower built?', [p])?.text).toBe('1887');
  });

  it('looks for candidates in the six best sentences only', () => {
    const p = aPassage(
      19,
      null,
      'The summit was reached. The summit was reached again. The summit was reached once more. The summit was reached by two. The summit was reached by three. The summit was reached by four. The summit in 1900.',
    );
    expect(extractAnswer('When was the summit reached?', [p])).toBeNull();
  });

  it('reads names of a phrase question and keeps particles inside names', () => {
    const p = aPassage(
      20,
      null,
      'The tower designer was Gustave Eiffel. The money was lent by Bank of America.',
    );
    expect(extractAnswer('Tell me about the tower designer.', [p])?.text).toBe('Gustave Eiffel');
    expect(extractAnswer('Which bank lent the money?', [p])?.text).toBe('Bank of America');
    const q = aPassage(21, null, 'The palace was built by the de Medici.');
    expect(extractAnswer('Who built the palace?', [q])).toBeNull();
  });

  it('skips candidates the question already says', () => {
    const p = aPassage(4, 'Tower', 'In 1889 the tower was finished in 1890.');
    expect(extractAnswer('When was the tower of 1889 finished?', [p])?.text).toBe('1890');
    const names = aPassage(5, 'Gustave', 'Gustave Eiffel met Maurice Koechlin.');
    expect(extractAnswer('Whom did Gustave Eiffel meet?', [names])?.text).toBe('Maurice Koechlin');
  });

  it('skips name candidates made only of question words, keeping the other names', () => {
    const p = aPassage(6, 'Paris', 'Paris Paris is the city where Victor Hugo lived.');
    expect(extractAnswer('Which writer lived in the city of Paris?', [p])?.text).toBe('Victor Hugo');
  });

  it('trims connecting words around names and ignores lower-case runs', () => {
    const p = aPassage(7, 'Tower', 'the tower was designed by the Gustave Eiffel of course.');
    expect(extractAnswer('Who designed the tower?', [p])?.text).toBe('Gustave Eiffel');
    const q = aPassage(8, 'Tower', 'The tower was designed by and Koechlin and.');
    expect(extractAnswer('Who designed the tower?', [q])?.text).toBe('Koechlin');
    const r = aPassage(9, 'Tower', 'The tower was designed by X and nobody else.');
    expect(extractAnswer('Who designed the tower?', [r])).toBeNull();
  });

  it('finds nothing of a kind the sentence lacks', () => {
    const p = aPassage(10, 'Tower', 'The tower is tall.');
    expect(extractAnswer('When was the tower built?', [p])).toBeNull();
    expect(extractAnswer('How tall is the tower?', [p])).toBeNull();
  });

  it('prefers the sentence sharing the rarest and most words, titles counting as shared', () => {
    const a = aPassage(11, 'Mont Blanc', 'It was first climbed in 1786.');
    const b = aPassage(12, 'Matterhorn', 'The Matterhorn was first climbed in 1865.');
    expect(extractAnswer('When was Mont Blanc first climbed?', [a, b])?.text).toBe('1786');
    expect(extractAnswer('When was the Matterhorn first climbed?', [a, b])?.text).toBe('1865');
  });

  it('weighs sentences by the score of their passage', () => {
    const low = aPassage(13, null, 'The summit was reached in 1786.', { score: 0 });
    const high = aPassage(14, null, 'The summit was reached in 1865.', { score: 1 });
    const best = extractAnswer('When was the summit reached?', [low, high]);
    expect(best?.text).toBe('1865');
    const alone = extractAnswer('When was the summit reached?', [low]);
    expect(best!.score).toBeGreaterThan(alone!.score);
    expect(alone!.score).toBeGreaterThan(0);
  });

  it('takes a lower-ranked sentence when the best ones have no candidate', () => {
    const p = aPassage(
      15,
      null,
      'The summit was reached by climbers. Later the summit was reached again in 1900.',
    );
    expect(extractAnswer('When was the summit reached by climbers?', [p])?.text).toBe('1900');
  });

  it('answers only from sentences with a focus word and about every subject', () => {
    const subject = [{ names: ['Tower Bridge'] }];
    expect(
      extractAnswer('When was Tower Bridge completed?', [tower, bridge], {
        subjects: subject,
        focus: ['complet'],
      })?.text,
    ).toBe('1894');
    expect(
      extractAnswer('When was the Eiffel Tower completed?', [tower, bridge], { focus: ['open'] }),
    ).toBeNull();
    expect(
      extractAnswer('When was the Eiffel Tower completed?', [tower, bridge], { focus: ['open', 'complet'] })
        ?.text,
    ).toBe('1889');
    expect(
      extractAnswer('When was it completed?', [tower, bridge], {
        subjects: [{ names: ['Nothing', 'London'] }],
      })?.text,
    ).toBe('1894');
    const untitled = aPassage(22, null, 'It was completed in 1900.');
    expect(extractAnswer('When was it completed?', [untitled], { subjects: [{ names: [''] }] })).toBeNull();
    expect(
      extractAnswer('When was the Eiffel Tower completed?', [tower, bridge], { subjects: [{ names: [''] }] }),
    ).toBeNull();
    expect(
      extractAnswer('When was it completed?', [tower, bridge], {
        subjects: [{ names: ['Nothing'], entityId: 7 }],
      })?.text,
    ).toBe('1889');
    expect(
      extractAnswer('When was it completed?', [tower, bridge], { subjects: [{ names: ['Eiffel Tower'] }] })
        ?.text,
    ).toBe('1889');
    expect(
      extractAnswer('When was it completed?', [tower, bridge], { subjects: [{ names: ['London'] }] })?.text,
    ).toBe('1894');
    expect(
      extractAnswer('When was it completed?', [tower, bridge], { subjects: [{ names: ['Lond'] }] }),
    ).toBeNull();
    expect(
      extractAnswer('When was it completed?', [tower, bridge], { subjects: [{ names: ['X'], entityId: 8 }] }),
    ).toBeNull();
  });

  it('chooses the option with the earliest or latest year when asked', () => {
    const a = aPassage(20, 'Blur', 'Blur formed in 1988 in London. Blur split in 2003.');
    const b = aPassage(21, 'Oasis', 'Oasis formed in 1991 in Manchester.');
    expect(extractAnswer('Which band formed first, Blur or Oasis?', [a, b])?.text).toBe('Blur');
    expect(extractAnswer('Which band formed earlier, Oasis or Blur?', [a, b])?.text).toBe('Blur');
    expect(extractAnswer('Which band formed later, Blur or Oasis?', [a, b])?.text).toBe('Oasis');
    expect(extractAnswer('Which band is the most recent, Blur or Oasis?', [a, b])?.text).toBe('Oasis');
    const chosen = extractAnswer('Which band formed later, Blur or Oasis?', [a, b]);
    expect(chosen?.passage.resource.id).toBe(21);
  });

  it('reads years of this century, and options named only in untitled passages', () => {
    const a = aPassage(32, null, 'Blur is a famous rock band from London, formed in 1988.');
    const b = aPassage(33, null, 'Gorillaz formed in 2001.');
    expect(extractAnswer('Which famous rock band formed later, Blur or Gorillaz?', [a, b])?.text).toBe(
      'Gorillaz',
    );
    expect(extractAnswer('Which famous rock band formed first, Gorillaz or Blur?', [a, b])?.text).toBe(
      'Blur',
    );
  });

  it('chooses by score, not by year, when the question asks for neither the earliest nor the latest', () => {
    const a = aPassage(34, 'Blur', 'Blur is a band from London, formed in 1988.');
    const b = aPassage(35, 'Oasis', 'Oasis formed in 1991.');
    expect(extractAnswer('Which band is from London, Oasis or Blur?', [a, b])?.text).toBe('Blur');
  });

  it('keeps the first option on equal years', () => {
    const a = aPassage(22, 'Blur', 'Blur formed in 1990.');
    const b = aPassage(23, 'Oasis', 'Oasis formed in 1990.');
    expect(extractAnswer('Which band formed first, Blur or Oasis?', [a, b])?.text).toBe('Blur');
    expect(extractAnswer('Which band formed first, Oasis or Blur?', [a, b])?.text).toBe('Oasis');
    expect(extractAnswer('Which band formed later, Blur or Oasis?', [a, b])?.text).toBe('Blur');
  });

  it('chooses by the best mentioning sentence when years do not decide', () => {
    const a = aPassage(24, 'Blur', 'Blur is a band from London.');
    const b = aPassage(25, 'Oasis', 'Oasis is a famous rock band from Manchester with famous rock songs.');
    expect(extractAnswer('Which is a famous rock band, Blur or Oasis?', [a, b])?.text).toBe('Oasis');
    expect(extractAnswer('Which band is from London, Oasis or Blur?', [a, b])?.text).toBe('Blur');
    const c = aPassage(26, 'Oasis', 'Oasis formed as a band in 1991.');
    expect(extractAnswer('Which band formed first, Blur or Oasis?', [a, c])?.text).toBe('Oasis');
  });

  it('counts a passage titled with the option as mentioning it, and needs one mention', () => {
    const a = aPassage(27, 'Blur', 'The band formed in 1988.');
    const b = aPassage(28, 'Oasis', 'The band formed in 1991.');
    expect(extractAnswer('Which band formed later, Blur or Oasis?', [a, b])?.text).toBe('Oasis');
    expect(extractAnswer('Which band formed later, Pulp or Suede?', [a, b])).toBeNull();
  });

  it('reads only four-digit years from 1000 to 2099 for a comparison', () => {
    const a = aPassage(29, 'Blur', 'Blur formed in 1988 with 3000 fans.');
    const b = aPassage(30, 'Oasis', 'Oasis formed in 1991 with 999 fans.');
    expect(extractAnswer('Which band formed later, Blur or Oasis?', [a, b])?.text).toBe('Oasis');
    const c = aPassage(31, 'Oasis', 'Oasis formed with 2100 fans.');
    expect(extractAnswer('Which band formed later, Blur or Oasis?', [a, c])?.text).toBe('Blur');
  });
});

describe('ungroundedTerms', () => {
  const facts = ['Hydrogen discovered by Henry Cavendish', 'Hydrogen atomic mass: 1.008x', 'Boils at 1 5'];

  it('accepts numbers the facts contain, as written or as normalised words', () => {
    expect(ungroundedTerms('Its atomic mass is 1.008.', facts)).toEqual([]);
    expect(ungroundedTerms('It boils at 1,5 degrees.', facts)).toEqual([]);
    expect(ungroundedTerms('It weighs 1.009, not 2.', facts)).toEqual(['1.009', '2']);
    expect(ungroundedTerms('Mass 1.00', facts)).toEqual(['1.00']);
  });

  it('compares whole numbers of each source', () => {
    expect(ungroundedTerms('It is 15.', ['v 1', '5x'])).toEqual(['15']);
    expect(ungroundedTerms('It is 12.', ['12x'])).toEqual([]);
  });

  it('names capitalised words the facts lack, except the first word of each sentence', () => {
    expect(
      ungroundedTerms('Hydrogen was found by Henry Cavendish. Joseph helped! Maybe? Priestley: no', facts),
    ).toEqual([]);
    expect(ungroundedTerms('It was found by Henry Cavendish and Joseph, with (Priestley).', facts)).toEqual([
      'Joseph',
      'Priestley',
    ]);
    expect(ungroundedTerms('It was Joseph and Joseph.', facts)).toEqual(['Joseph']);
  });

  it('ignores lower-case words, function words and words without letters', () => {
    expect(ungroundedTerms('It was the oxygen of The Air, 42!', [])).toEqual(['42', 'Air']);
    expect(ungroundedTerms('It was — really — Über', ['uber'])).toEqual([]);
    expect(ungroundedTerms('  It   was fine ', [])).toEqual([]);
    expect(ungroundedTerms('  Joseph came', [])).toEqual([]);
    expect(ungroundedTerms("It was O'Brien.", ["O'Brien"])).toEqual([]);
    expect(ungroundedTerms('It was ((Joseph', [])).toEqual(['Joseph']);
    expect(ungroundedTerms('It was an iPhone.', [])).toEqual([]);
  });
});

const anEntity = (
  id: number,
  name: string,
  attributes: Entity['attributes'] = {},
  type = 'element',
): Entity => ({
  id,
  workspaceId: 1,
  key: `${type}:${id}`,
  type,
  name,
  state: 'active',
  version: 1,
  aliases: [],
  attributes,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

const aRelationshipFact = (id: number, from: Entity, type: string, to: Entity): Fact => {
  const relationship: Relationship = { id, fromId: from.id, toId: to.id, type, weight: 1, path: type };
  return { kind: 'relationship', relationship, from, to };
};

const answered = (passageAnswer: Assessment['passageAnswer'] = null): Assessment => ({
  decision: 'stop',
  status: 'answered',
  confidence: 1,
  missing: [],
  reason: 'test',
  passageAnswer,
});

const aResolution = (parts: Partial<Resolution> = {}): Resolution => ({
  targets: [],
  values: [],
  verdict: null,
  facts: [],
  explored: [],
  plan: 'test',
  ...parts,
});

const aWorkingSet = (facts: Fact[] = []): WorkingSet => ({
  facts,
  passages: [],
  dropped: { entities: 0, facts: 0 },
});

describe('answer template', () => {
  const iron = anEntity(1, 'Iron', { atomic_mass: 55.845, symbol: 'Fe' });
  const neon = anEntity(2, 'Neon', { atomic_mass: 20.18 });
  const ramsay = anEntity(3, 'William Ramsay', {}, 'person');
  const discovered = aRelationshipFact(10, neon, 'discovered_by', ramsay);
  const ironMass: Fact = { kind: 'attribute', entity: iron, name: 'atomic_mass', value: 55.845 };

  it('formats values and facts for people', () => {
    expect(formatValue(['a', 2, true])).toBe('a, 2, true');
    expect(formatValue(55.845)).toBe('55.845');
    expect(formatValue('gas')).toBe('gas');
    expect(describeFact(ironMass)).toBe('Iron atomic mass: 55.845');
    expect(describeFact(discovered)).toBe('Neon discovered by William Ramsay');
  });

  it('says what is missing when it does not know, or that the knowledge base has nothing', () => {
    const unknown: Assessment = { ...answered(), status: 'unknown', missing: ['the mass of X', 'the year'] };
    expect(composeAnswer(aSlotFrame(), aResolution(), unknown, aWorkingSet())).toEqual({
      text: "I don't know: the mass of X; the year.",
      items: [],
      citations: [],
      supported: false,
    });
    const nothing: Assessment = { ...answered(), status: 'insufficient' };
    expect(composeAnswer(aSlotFrame(), aResolution(), nothing, aWorkingSet()).text).toBe(
      "I don't know: the knowledge base has nothing on this.",
    );
  });

  it('cites the passage an extracted answer comes from, by title or else by URI', () => {
    const passage = aPassage(5, 'Eiffel Tower', 'It was completed in 1889.');
    expect(
      composeAnswer(
        aSlotFrame(),
        aResolution(),
        answered({ text: '1889', passage, score: 1 }),
        aWorkingSet(),
      ),
    ).toEqual({
      text: '1889. Source: Eiffel Tower (doc:5).',
      items: ['1889'],
      citations: [{ kind: 'resource', id: 5, label: 'Eiffel Tower', uri: 'doc:5' }],
      supported: true,
    });
    const untitled = aPassage(6, null, 'It was completed in 1889.');
    const answer = composeAnswer(
      aSlotFrame(),
      aResolution(),
      answered({ text: '1889', passage: untitled, score: 1 }),
      aWorkingSet(),
    );
    expect(answer.text).toBe('1889. Source: doc:6 (doc:6).');
    expect(answer.citations).toEqual([{ kind: 'resource', id: 6, label: 'doc:6', uri: 'doc:6' }]);
  });

  it('states one attribute value, or several per entity, adding the support only after relationships', () => {
    const one = composeAnswer(
      aSlotFrame({ kind: 'attribute' }),
      aResolution({
        targets: [iron],
        values: [{ entity: iron, name: 'atomic_mass', value: 55.845 }],
        facts: [ironMass],
      }),
      answered(),
      aWorkingSet([ironMass]),
    );
    expect(one).toEqual({
      text: 'The atomic mass of Iron is 55.845.',
      items: ['55.845'],
      citations: [{ kind: 'entity', id: 1, label: 'Iron' }],
      supported: true,
    });
    const several = composeAnswer(
      aSlotFrame({ kind: 'attribute' }),
      aResolution({
        targets: [neon],
        values: [
          { entity: neon, name: 'atomic_mass', value: 20.18 },
          { entity: iron, name: 'atomic_mass', value: [55.845, 56] },
        ],
        facts: [discovered],
      }),
      answered(),
      aWorkingSet([discovered]),
    );
    expect(several.text).toBe(
      'Atomic mass: Neon 20.18; Iron 55.845, 56. Based on: Neon discovered by William Ramsay.',
    );
    expect(several.items).toEqual(['20.18', '55.845, 56']);
    const mixed = composeAnswer(
      aSlotFrame({ kind: 'attribute' }),
      aResolution({
        targets: [iron],
        values: [{ entity: iron, name: 'atomic_mass', value: 55.845 }],
        facts: [ironMass, discovered],
      }),
      answered(),
      aWorkingSet([discovered]),
    );
    expect(mixed.text).toBe(
      'The atomic mass of Iron is 55.845. Based on: Neon discovered by William Ramsay.',
    );
  });

  it('answers yes or no with the facts it rests on', () => {
    const yes = composeAnswer(
      aSlotFrame({ kind: 'yesno' }),
      aResolution({ verdict: true, facts: [discovered] }),
      answered(),
      aWorkingSet([discovered]),
    );
    expect(yes.text).toBe('Yes. Based on: Neon discovered by William Ramsay.');
    expect(yes.items).toEqual(['yes']);
    expect(yes.citations.map((c) => `${c.kind}:${c.id}`)).toEqual([
      'entity:2',
      'entity:3',
      'relationship:10',
    ]);
    const no = composeAnswer(
      aSlotFrame({ kind: 'yesno' }),
      aResolution({ verdict: false }),
      answered(),
      aWorkingSet(),
    );
    expect(no).toEqual({ text: 'No.', items: ['no'], citations: [], supported: true });
  });

  it('counts the targets, listing at most eight supporting facts', () => {
    const facts = Array.from({ length: 10 }, (_, i) =>
      aRelationshipFact(100 + i, anEntity(200 + i, `E${i}`), 'part_of', iron),
    );
    const targets = facts.map((f) => (f.kind === 'relationship' ? f.from : iron));
    const count = composeAnswer(
      aSlotFrame({ kind: 'count' }),
      aResolution({ targets }),
      answered(),
      aWorkingSet(facts),
    );
    expect(count.text).toBe(
      `10: E0, E1, E2, E3, E4, E5, E6, E7, E8, E9. Based on: ${facts
        .slice(0, 8)
        .map((f) => describeFact(f))
        .join('; ')}; and 2 more.`,
    );
    expect(count.items).toEqual(['10']);
    expect(count.supported).toBe(true);
    const eight = composeAnswer(
      aSlotFrame({ kind: 'count' }),
      aResolution({ targets: targets.slice(0, 8) }),
      answered(),
      aWorkingSet(facts.slice(0, 8)),
    );
    expect(eight.text.endsWith('E7 part of Iron.')).toBe(true);
  });

  it('describes a single entity asked about, or lists the targets', () => {
    const helium = anEntity(4, 'Helium', { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, atomic_mass: 4 });
    expect(
      composeAnswer(aSlotFrame(), aResolution({ targets: [helium] }), answered(), aWorkingSet()).text,
    ).toBe('Helium (element): a 1; b 2; c 3; d 4; e 5; f 6.');
    expect(
      composeAnswer(aSlotFrame(), aResolution({ targets: [ramsay] }), answered(), aWorkingSet()),
    ).toEqual({
      text: 'William Ramsay (person).',
      items: ['William Ramsay'],
      citations: [{ kind: 'entity', id: 3, label: 'William Ramsay' }],
      supported: true,
    });
    expect(
      composeAnswer(
        aSlotFrame({ relationTypes: [aTerm('discovered_by', 1)] }),
        aResolution({ targets: [ramsay] }),
        answered(),
        aWorkingSet([discovered]),
      ).text,
    ).toBe('William Ramsay. Based on: Neon discovered by William Ramsay.');
    expect(
      composeAnswer(
        aSlotFrame({ entityTypes: [aTerm('person', 1)] }),
        aResolution({ targets: [ramsay] }),
        answered(),
        aWorkingSet(),
      ).text,
    ).toBe('William Ramsay.');
    expect(
      composeAnswer(
        aSlotFrame({ kind: 'list' }),
        aResolution({ targets: [iron, neon] }),
        answered(),
        aWorkingSet(),
      ),
    ).toMatchObject({ text: 'Iron, Neon.', items: ['Iron', 'Neon'] });
  });

  it('cites every target, entity and relationship once', () => {
    expect(citationsFor([ironMass, discovered, discovered], [iron, neon])).toEqual([
      { kind: 'entity', id: 1, label: 'Iron' },
      { kind: 'entity', id: 2, label: 'Neon' },
      { kind: 'entity', id: 3, label: 'William Ramsay' },
      { kind: 'relationship', id: 10, label: 'Neon discovered by William Ramsay' },
    ]);
    expect(citationsFor([], [])).toEqual([]);
    const other = aRelationshipFact(11, iron, 'discovered_by', ramsay);
    expect(citationsFor([discovered, other], []).filter((c) => c.kind === 'relationship')).toEqual([
      { kind: 'relationship', id: 10, label: 'Neon discovered by William Ramsay' },
      { kind: 'relationship', id: 11, label: 'Iron discovered by William Ramsay' },
    ]);
  });

  it('cuts text into words with their following whitespace', () => {
    expect(toTokens('The mass  is\n55.8. ')).toEqual(['The ', 'mass  ', 'is\n', '55.8. ']);
    expect(toTokens('  lead')).toEqual(['lead']);
    expect(toTokens('')).toEqual([]);
  });
});
