/**
 * Small builder-made knowledge bases for relationship-traversal tests: a library graph (books,
 * an author, a publisher and a chain of places to walk transitively) and a circle of scholars
 * (two relationship types that lead to different people depending on the order they are
 * followed in, plus a cycle).
 */
import type { Entity } from '@rustygpt/core';
import { MemoryKnowledge } from './memory-knowledge';

/**
 * Books, their author and publisher, and places nested four deep
 * (Chilton Books < Philadelphia < Pennsylvania < USA < North America). The works carry values
 * for value filters (years, genres of two, three and five words, tag lists, a language all
 * share, an empty subtitle); one book is archived.
 */
export function aLibraryKnowledgeBase() {
  const kb = new MemoryKnowledge();
  const e = {
    dune: kb.addEntity({
      key: 'book:dune',
      type: 'book',
      name: 'Dune',
      attributes: {
        year: 1965,
        genre: 'Science fiction',
        tags: ['desert', 'ecology'],
        language: 'English',
      },
    }),
    messiah: kb.addEntity({
      key: 'book:dune-messiah',
      type: 'book',
      name: 'Dune Messiah',
      attributes: {
        year: 1969,
        genre: 'Science fiction',
        tags: ['empire'],
        language: 'English',
        subtitle: '',
      },
    }),
    greenBrain: kb.addEntity({
      key: 'book:green-brain',
      type: 'book',
      name: 'The Green Brain',
      attributes: { year: 1966, genre: 'Hard science fiction adventure novel', language: 'English' },
    }),
    essay: kb.addEntity({
      key: 'article:sandworms',
      type: 'article',
      name: 'On Sandworms',
      attributes: { year: 1965, genre: 'Popular science essay', language: 'English' },
    }),
    lostDraft: kb.addEntity({
      key: 'book:lost-draft',
      type: 'book',
      name: 'The Lost Draft',
      state: 'archived',
    }),
    herbert: kb.addEntity({ key: 'person:herbert', type: 'person', name: 'Frank Herbert' }),
    chilton: kb.addEntity({ key: 'company:chilton', type: 'company', name: 'Chilton Books' }),
    philadelphia: kb.addEntity({ key: 'city:philadelphia', type: 'city', name: 'Philadelphia' }),
    pennsylvania: kb.addEntity({ key: 'state:pa', type: 'state', name: 'Pennsylvania' }),
    usa: kb.addEntity({ key: 'country:usa', type: 'country', name: 'USA' }),
    northAmerica: kb.addEntity({ key: 'continent:na', type: 'continent', name: 'North America' }),
    tacoma: kb.addEntity({ key: 'city:tacoma', type: 'city', name: 'Tacoma' }),
  };
  kb.relate(e.dune, 'written_by', e.herbert, 0.9);
  kb.relate(e.greenBrain, 'written_by', e.herbert, 0.5);
  kb.relate(e.messiah, 'written_by', e.herbert, 0.7);
  kb.relate(e.essay, 'written_by', e.herbert, 0.2);
  kb.relate(e.lostDraft, 'written_by', e.herbert, 1);
  kb.relate(e.dune, 'published_by', e.chilton);
  kb.relate(e.herbert, 'born_in', e.tacoma);
  kb.relate(e.chilton, 'located_in', e.philadelphia);
  kb.relate(e.philadelphia, 'located_in', e.pennsylvania);
  kb.relate(e.pennsylvania, 'located_in', e.usa);
  kb.relate(e.usa, 'located_in', e.northAmerica);
  return { kb, e };
}

/**
 * Scholars linked by `mentored_by` and `colleague_of`: Ada's mentor's colleague (Herschel) is
 * not Ada's colleague's mentor (De Morgan); Herschel and Somerville are colleagues both ways
 * round a cycle back to Ada. Anne Nonymous is linked to nobody.
 */
export function aScholarsKnowledgeBase() {
  const kb = new MemoryKnowledge();
  const person = (key: string, name: string): Entity => kb.addEntity({ key, type: 'person', name });
  const e = {
    ada: person('person:ada', 'Ada Lovelace'),
    babbage: person('person:babbage', 'Charles Babbage'),
    herschel: person('person:herschel', 'John Herschel'),
    somerville: person('person:somerville', 'Mary Somerville'),
    deMorgan: person('person:de-morgan', 'Augustus De Morgan'),
    unlinked: person('person:unlinked', 'Anne Nonymous'),
  };
  kb.relate(e.ada, 'mentored_by', e.babbage);
  kb.relate(e.babbage, 'colleague_of', e.herschel);
  kb.relate(e.ada, 'colleague_of', e.somerville);
  kb.relate(e.somerville, 'mentored_by', e.deMorgan);
  return { kb, e };
}
