/**
 * The same engine on another domain (a small film catalogue) over the real store: nothing in
 * the engine knows films, so this guards against rules that only fit the periodic dev set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBundle } from '@rustygpt/core';
import { IN_MEMORY, KnowledgeStore, openDatabase, type Database } from '@rustygpt/store';
import { createReasoner, type Reasoner } from '../src/index';

function aFilmCatalogue(): KnowledgeBundle {
  const film = (key: string, name: string, year: number, minutes: number, genre: string) => ({
    key,
    type: 'film',
    name,
    attributes: { release_year: year, running_time: minutes, genre },
  });
  return {
    entities: [
      film('film:night', 'The Long Night', 1999, 121, 'drama'),
      film('film:harbour', 'Harbour Lights', 2004, 98, 'comedy'),
      film('film:glass', 'Glass Orchard', 2011, 134, 'drama'),
      { key: 'person:quist', type: 'person', name: 'Mara Quist', aliases: ['M. Quist'] },
      { key: 'person:vale', type: 'person', name: 'Tom Vale' },
      { key: 'person:oduya', type: 'person', name: 'Ada Oduya' },
      { key: 'studio:north', type: 'studio', name: 'Northlight Pictures' },
    ],
    relationships: [
      { from: 'film:night', to: 'person:quist', type: 'directed_by', path: 'credits.directed_by' },
      { from: 'film:glass', to: 'person:quist', type: 'directed_by', path: 'credits.directed_by' },
      { from: 'film:harbour', to: 'person:oduya', type: 'directed_by', path: 'credits.directed_by' },
      { from: 'film:night', to: 'person:vale', type: 'starring', path: 'credits.starring' },
      { from: 'film:harbour', to: 'person:vale', type: 'starring', path: 'credits.starring' },
      { from: 'film:glass', to: 'person:oduya', type: 'starring', path: 'credits.starring' },
      { from: 'film:night', to: 'studio:north', type: 'produced_by', path: 'business.produced_by' },
      { from: 'film:glass', to: 'studio:north', type: 'produced_by', path: 'business.produced_by' },
    ],
  };
}

let db: Database;
let reasoner: Reasoner;

beforeAll(async () => {
  db = await openDatabase({ dataDir: IN_MEMORY });
  const store = new KnowledgeStore(db);
  await store.importBundle(aFilmCatalogue());
  reasoner = createReasoner({ store, persist: false });
});

afterAll(async () => {
  await reasoner?.close();
  await db?.close();
});

describe('reasoning over a film catalogue', () => {
  const cases: [string, string[]][] = [
    ['Who directed The Long Night?', ['Mara Quist']],
    ['What is the running time of the long night?', ['121']],
    ['When was Glass Orchard released?', ['2011']],
    ['Which films did Mara Quist direct?', ['The Long Night', 'Glass Orchard']],
    ['How many films did M. Quist direct?', ['2']],
    ['Which film directed by Mara Quist stars Tom Vale?', ['The Long Night']],
    ['Who produced the film starring Ada Oduya?', ['Northlight Pictures']],
    ['Which films starring Tom Vale are comedies?', ['Harbour Lights']],
    ['Is Harbour Lights directed by Ada Oduya?', ['yes']],
  ];
  it.each(cases)('%s', async (question, expected) => {
    const result = await reasoner.ask(question);
    expect(result.status).toBe('answered');
    expect([...result.items].sort()).toEqual([...expected].sort());
  });

  it('says it does not know about a film that is not in the catalogue', async () => {
    const result = await reasoner.ask('Who directed The Silent Comet?');
    expect(result.status).toBe('unknown');
    expect(result.answer).toMatch(/^I don't know/);
  });
});
