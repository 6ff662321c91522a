import { describe, expect, it } from 'vitest';
import { stem } from './stem';
import { VocabularyIndex } from './vocabulary-index';

const index = new VocabularyIndex({
  relationshipTypes: [{ type: 'language_type', path: 'lang.language_type', count: 3 }],
  attributeNames: [
    { name: 'mean_radius_km', count: 2 },
    { name: 'language_id', count: 3 },
  ],
  entityTypes: [{ type: 'language', count: 3 }],
});
const stems = (question: string): string[] => question.toLowerCase().split(' ').map(stem);

describe('VocabularyIndex', () => {
  it('does not count a unit suffix as a word the question must say', () => {
    const [best] = index.match('attribute', stems('what is the radius of mars'));
    expect(best).toMatchObject({ name: 'mean_radius_km', score: 0.5 });
  });

  it('scores a name matched by some of its words below one matched by all', () => {
    const attribute = index.match('attribute', stems('what is the language id of go'));
    expect(attribute[0]).toMatchObject({ name: 'language_id', score: 1 });
    const partial = index.match('attribute', stems('which language is go'));
    expect(partial[0]).toMatchObject({ name: 'language_id', score: 0.5 });
  });
});
