import { describe, expect, it } from 'vitest';
import { ValidationError } from '@rustygpt/core';
import { changedParts, desiredSnapshot, normalizeAliases, normalizeAttributes } from './entity-input';

describe('entity input normalisation', () => {
  it('drops aliases equal to the name or to each other once normalised', () => {
    expect(normalizeAliases('Café', ['cafe', ' Terra ', 'TERRA', '!!', 'Gaïa'])).toEqual(['Terra', 'Gaïa']);
  });

  it('sorts attributes, de-duplicates lists, drops empty lists and folds -0', () => {
    expect(JSON.stringify(normalizeAttributes({ b: [1, 1, 2], a: -0, c: [] }))).toBe('{"a":0,"b":[1,2]}');
    expect(() => normalizeAttributes({ x: Number.NaN })).toThrow(ValidationError);
    expect(() => normalizeAttributes({ x: [1, { y: 1 } as never] }, '$.e')).toThrow(/\$\.e\.x\[1\]/);
  });

  it('keeps omitted parts of the current state and names what changed', () => {
    const current = desiredSnapshot(
      { key: 'k', type: 'T', name: 'N', aliases: ['A'], attributes: { x: 1 } },
      null,
    );
    const next = desiredSnapshot({ key: 'k', type: 'T', name: 'N2' }, current);
    expect(next).toMatchObject({ aliases: ['A'], attributes: { x: 1 }, state: 'active' });
    expect(changedParts(current, next)).toEqual(['name']);
    expect(changedParts(current, current)).toEqual([]);
    expect(() => desiredSnapshot({ key: 'k', type: ' ', name: 'N' }, null, '$.entities[3]')).toThrow(
      /\$\.entities\[3\]\.type/,
    );
  });
});
