import { describe, expect, it } from 'vitest';
import type { Passage } from '../state';
import { expectedAnswer, extractAnswer } from './span-extraction';

const passage = (id: number, title: string, text: string, entityId?: number): Passage => ({
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
  score: 1,
  source: 'fulltext',
  ...(entityId ? { entityId } : {}),
});

describe('expectedAnswer', () => {
  it('reads the kind of span a question wants', () => {
    expect(expectedAnswer('When was the tower built?').expected).toBe('year');
    expect(expectedAnswer('How many floors does it have?').expected).toBe('number');
    expect(expectedAnswer('Who designed the tower?').expected).toBe('name');
    expect(expectedAnswer("Which magazine was started first, Arthur's Magazine or First for Women?")).toEqual(
      {
        expected: 'option',
        options: ["Arthur's Magazine", 'First for Women'],
      },
    );
  });
});

describe('extractAnswer', () => {
  const passages = [
    passage(
      1,
      'Eiffel Tower',
      'The Eiffel Tower is a tower in Paris. It was designed by Gustave Eiffel and completed in 1889.',
      7,
    ),
    passage(2, 'Tower Bridge', 'Tower Bridge is a bridge in London, completed in 1894.'),
  ];

  it('picks the span of the expected type from the sentence sharing most words with the question', () => {
    expect(extractAnswer('When was the Eiffel Tower completed?', passages)?.text).toBe('1889');
    expect(extractAnswer('Who designed the Eiffel Tower?', passages)?.text).toBe('Gustave Eiffel');
  });

  it('answers only from sentences about the known subject that say what is asked', () => {
    const subject = [{ names: ['Tower Bridge'] }];
    expect(
      extractAnswer('When was Tower Bridge completed?', passages, { subjects: subject, focus: ['complet'] })
        ?.text,
    ).toBe('1894');
    expect(
      extractAnswer('Who designed Tower Bridge?', passages, { subjects: subject, focus: ['design'] }),
    ).toBeNull();
    // A passage linked to the entity counts as being about it even where the sentence says "It".
    expect(
      extractAnswer('When was it completed?', passages, {
        subjects: [{ names: ['La Dame de Fer'], entityId: 7 }],
        focus: ['complet'],
      })?.text,
    ).toBe('1889');
  });

  it('chooses between the options of a comparison by the years the passages give', () => {
    const magazines = [
      passage(3, "Arthur's Magazine", "Arthur's Magazine (1844–1846) was an American literary periodical."),
      passage(
        4,
        'First for Women',
        "First for Women is a woman's magazine published by Bauer Media Group in the USA. The magazine was started in 1989.",
      ),
    ];
    expect(
      extractAnswer("Which magazine was started first, Arthur's Magazine or First for Women?", magazines)
        ?.text,
    ).toBe("Arthur's Magazine");
  });
});
