import { describe, expect, it } from 'vitest';
import { normalizeText, type AliasEntry } from '@rustygpt/core';
import { AliasIndex, questionTokens } from './alias-index';

const entry = (
  entityId: number,
  alias: string,
  state: AliasEntry['state'] = 'active',
  entityType = 'thing',
): AliasEntry => ({
  entityId,
  alias,
  normalized: normalizeText(alias),
  entityType,
  state,
});

const matched = (index: AliasIndex, question: string, fuzzy = false): string[] =>
  index
    .match(questionTokens(question), { fuzzy })
    .map((h) => `${h.method}:${h.entries.map((e) => e.entityId).join('|')}`);

describe('AliasIndex', () => {
  it('prefers the longest match and reports every entity sharing a name', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'New York'), entry(2, 'New York City'), entry(3, 'York'), entry(4, 'york')]);
    expect(matched(index, 'How big is New York City?')).toEqual(['exact:2']);
    expect(matched(index, 'Is York old?')).toEqual(['exact:3|4']);
    index.apply([entry(5, 'The Long Night')]);
    expect(matched(index, 'Who directed Long Night?')).toEqual(['exact:5']);
  });

  it("replaces an entity's entries on refresh, forgets deleted entities and skips archived ones", async () => {
    const index = new AliasIndex(0);
    let call = 0;
    const store = {
      async listAliases(options?: { changedSince?: number }) {
        call++;
        if (options?.changedSince === undefined)
          return { entries: [entry(1, 'Alpha'), entry(2, 'Beta')], watermark: 5 };
        expect(options.changedSince).toBe(5);
        return {
          entries: [entry(1, 'Gamma'), entry(3, 'Delta', 'archived')],
          watermark: 9,
          removedEntityIds: [2],
        };
      },
    };
    expect(await index.refresh(store)).toEqual([]);
    expect(await index.refresh(store)).toEqual([1, 3, 2]);
    expect(call).toBe(2);
    expect(matched(index, 'alpha beta gamma delta')).toEqual(['exact:1']);
  });

  it('matches typos only when asked, keeping the first letter', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'Tungsten'), entry(2, 'Iron')]);
    expect(matched(index, 'What about Tungstne?')).toEqual([]);
    expect(matched(index, 'What about Tungstne?', true)).toEqual(['fuzzy:1']);
    expect(matched(index, 'What about Oron?', true)).toEqual([]);
  });

  it('does not take a different name sharing a word for a typo', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'Mara Quist')]);
    expect(matched(index, 'Who is Mara Qiust?', true)).toEqual(['fuzzy:1']);
    expect(matched(index, 'Who is Marie Quist?', true)).toEqual([]);
  });

  it('knows a unique last word of multi-word names', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'Humphry Davy'), entry(2, 'Marie Curie'), entry(3, 'Pierre Curie')]);
    expect(index.byLastWord('davy')).toBe(1);
    expect(index.byLastWord('curie')).toBeNull();
  });

  it('matches inflected forms by stem but not a shorter word that stems alike', () => {
    const index = new AliasIndex();
    index.apply([entry(1, 'Rune'), entry(2, 'Gases')]);
    expect(matched(index, 'Which interpreters run Rune?')).toEqual(['exact:1']);
    expect(matched(index, 'Which languages run fast?')).toEqual([]);
    expect(matched(index, 'What about Runes?')).toEqual(['stem:1']);
  });

  it('reads the plural of an entity type as the type, not as the entity of that name', () => {
    const index = new AliasIndex();
    index.apply([
      entry(1, 'Moon', 'active', 'moon'),
      entry(1, 'the Moon', 'active', 'moon'),
      entry(3, 'Mars', 'active', 'planet'),
    ]);
    expect(matched(index, 'Which moons orbit Mars?', true)).toEqual(['exact:3']);
    expect(matched(index, 'Who discovered the moons of Mars?', true)).toEqual(['exact:3']);
    expect(matched(index, 'What does the Moon orbit?', true)).toEqual(['exact:1']);
  });
});
