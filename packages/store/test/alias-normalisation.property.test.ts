import { normalizeText } from '@rustygpt/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeStore } from '../src/index';
import { TEST_MODES, freshStore, openTestDatabase, type TestDatabase } from './support/modes';

// Exact/alias matching only works if what the store writes to entity_aliases.normalized and what
// it looks up agree with normalizeText, for any text a user may write: accents (composed or
// decomposed), case, punctuation, runs of spaces, scripts other than Latin. The database must not
// transform the text on the way (collation, encoding, trimming).

/** Text drawn from characters that stress normalisation. */
const aliasText = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', 'Z', 'é', 'e\u0301', 'Å', 'ß', 'ﬁ', 'Ω', 'ж', '東', '٣', '²', 'İ', 'ǅ'),
      fc.constantFrom(' ', '  ', '-', '.', ',', "'", '(', ')', '\t', '_', '·'),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''))
  .filter((s) => !s.includes('\u0000'));

/** Spellings a user may type for the same alias. */
const variants = (text: string) => [
  text.toUpperCase(),
  text.toLowerCase(),
  ` ${text.normalize('NFD')}. `,
  text.normalize('NFC'),
  text.replace(/ /g, '  -  '),
];

describe.each(TEST_MODES)('alias normalisation through the store (%s)', (mode) => {
  let t: TestDatabase;
  let store: KnowledgeStore;
  let n = 0;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    store = await freshStore(t.db, 'alias-prop');
  });
  afterAll(async () => t?.close());

  it('finds an entity by any spelling that normalises like one of its aliases, and stores normalizeText', async () => {
    await fc.assert(
      fc.asyncProperty(aliasText, async (alias) => {
        const key = `alias-prop:${n++}`;
        const [written] = await store.upsertEntities([{ key, type: 'Thing', name: key, aliases: [alias] }]);
        const normalized = normalizeText(alias);
        const { entries } = await store.listAliases();
        const stored = entries.filter((e) => e.entityId === written!.id).map((e) => e.normalized);
        if (normalized === '') {
          // Nothing matchable: no alias row may claim the empty form.
          expect(stored).not.toContain('');
          expect(await store.findByAlias(alias)).toEqual([]);
          return;
        }
        expect(stored).toContain(normalized);
        for (const spelling of variants(alias)) {
          if (normalizeText(spelling) !== normalized) continue; // e.g. 'ß'.toUpperCase() is 'SS'
          const found = await store.findByAlias(spelling);
          expect(found.map((e) => e.id)).toContain(written!.id);
        }
      }),
      { numRuns: mode === 'embedded' ? 60 : 25 },
    );
  });
});
