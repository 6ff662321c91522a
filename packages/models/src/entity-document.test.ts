import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entityDocument, type DocumentRelation } from './entity-document';

const paris = {
  name: 'Paris',
  type: 'city',
  aliases: ['City of Light', 'Lutetia'],
  attributes: { population: 2102650, country_code: 'FR', rivers: ['Seine', 'Bièvre'] },
};
const relations: DocumentRelation[] = [
  { type: 'capital_of', direction: 'out', otherName: 'France', weight: 1 },
  { type: 'twinned_with', direction: 'in', otherName: 'Rome', weight: 0.4 },
];

describe('entityDocument', () => {
  it('writes name, type, aliases, attributes and relationships in a fixed readable form', () => {
    const doc = entityDocument(paris, relations);
    expect(doc.text).toBe(
      [
        'Paris (city)',
        'Also known as: City of Light; Lutetia',
        'country code: FR',
        'population: 2102650',
        'rivers: Seine, Bièvre',
        'Paris capital of France',
        'Rome twinned with Paris',
      ].join('\n'),
    );
    expect(doc.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same hash whatever the order of aliases, attributes and relationships', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(relations, { minLength: 2 }), (shuffled) => {
        const reordered = {
          ...paris,
          aliases: [...paris.aliases].reverse(),
          attributes: { rivers: paris.attributes.rivers, country_code: 'FR', population: 2102650 },
        };
        expect(entityDocument(reordered, shuffled).contentHash).toBe(
          entityDocument(paris, relations).contentHash,
        );
      }),
    );
  });

  it('changes the hash when something embedded changes, and keeps only the strongest relationships', () => {
    const base = entityDocument(paris, relations).contentHash;
    expect(entityDocument({ ...paris, name: 'Paris, France' }, relations).contentHash).not.toBe(base);
    expect(entityDocument(paris, [relations[0]!]).contentHash).not.toBe(base);
    const many = Array.from({ length: 20 }, (_, i): DocumentRelation => ({
      type: 'near',
      direction: 'out',
      otherName: `Town ${i}`,
      weight: i / 20,
    }));
    const text = entityDocument(paris, many).text;
    expect(text).toContain('Town 19');
    expect(text).not.toContain('Town 0\n');
    expect(text.split('\n').filter((l) => l.includes('near'))).toHaveLength(8);
  });
});
