import { describe, expect, it } from 'vitest';
import { AliasIndex, fullTextQuery, reciprocalRankFusion } from './retrieval';

const r = (id: number) => ({ resourceId: id, uri: `u:${id}`, title: `t${id}`, score: 0 });

describe('reciprocalRankFusion', () => {
  it('rewards items ranked well in several lists and honours weights', () => {
    const fused = reciprocalRankFusion([{ list: [r(1), r(2), r(3)] }, { list: [r(2), r(4)] }]);
    expect(fused.map((x) => x.resourceId)).toEqual([2, 1, 4, 3]);
    const weighted = reciprocalRankFusion([{ list: [r(1), r(2)], weight: 3 }, { list: [r(2), r(1)] }]);
    expect(weighted[0]?.resourceId).toBe(1);
    const ignored = reciprocalRankFusion([{ list: [r(1)] }, { list: [r(9)], weight: 0 }]);
    expect(ignored.map((x) => x.resourceId)).toEqual([1]);
  });
});

describe('fullTextQuery', () => {
  it('turns a question into an OR query of its content words', () => {
    expect(fullTextQuery("Which magazine was started first, Arthur's Magazine or First for Women?")).toBe(
      'magazine or started or first or arthur or women',
    );
    expect(fullTextQuery('the of and')).toBe('');
  });
});

describe('AliasIndex', () => {
  const index = new AliasIndex();
  index.add([
    {
      entityId: 1,
      alias: 'Christopher Nolan',
      normalized: 'christopher nolan',
      entityType: 'person',
      state: 'active',
    },
    { entityId: 2, alias: 'Nolan', normalized: 'nolan', entityType: 'river', state: 'active' },
    { entityId: 3, alias: 'River', normalized: 'river', entityType: 'band', state: 'active' },
    { entityId: 4, alias: 'Old Name', normalized: 'old name', entityType: 'x', state: 'archived' },
  ]);

  it('finds the longest mentions first and does not reuse their words', () => {
    expect(index.mentions('Are Christopher Nolan and Nolan related?')).toEqual([1, 2]);
  });

  it('ignores single lower-case common words and archived entities', () => {
    expect(index.mentions('which river is longest')).toEqual([]);
    expect(index.mentions('The band River played')).toEqual([3]);
    expect(index.mentions('my old name')).toEqual([]);
  });
});
