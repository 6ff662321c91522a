import { describe, expect, it } from 'vitest';
import { ValidationError } from '@rustygpt/core';
import { jsonPath, validateBundleShape } from './bundle-schema';
import { validateBundle } from './bundle-import';

describe('bundle validation', () => {
  it('formats JSON paths', () => {
    expect(jsonPath(['relationships', 12, 'to'])).toBe('$.relationships[12].to');
    expect(jsonPath(['entities', 0, 'attributes', 'a b'])).toBe('$.entities[0].attributes["a b"]');
  });

  it('accepts a minimal bundle and reports keys it must find in the store', () => {
    const result = validateBundleShape({
      entities: [{ key: 'a', type: 'T', name: 'A' }],
      relationships: [{ from: 'a', to: 'b', type: 'x' }],
    });
    expect(result).toMatchObject({ ok: true, missingKeys: ['b'] });
  });

  it('lists every problem with its path', () => {
    const result = validateBundleShape({
      entities: [
        { key: 'a', type: 'T', name: 'A', attributes: { n: [1, 'x', true] } },
        { key: '  ', type: 'T', name: 'B' },
      ],
      relationships: [{ from: 'a', to: 'a', type: 'x', weight: '1' }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(['$.entities[1].key', '$.relationships[0].weight']);
  });

  it('rejects duplicate relationships and resources', () => {
    const result = validateBundleShape({
      entities: [{ key: 'a', type: 'T', name: 'A' }],
      relationships: [
        { from: 'a', to: 'a', type: 'x' },
        { from: 'a', to: 'a', type: 'x', weight: 2 },
      ],
      resources: [{ uri: 'u' }, { uri: 'u' }],
    });
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual([
      '$.relationships[1]',
      '$.resources[1].uri',
    ]);
  });

  it('throws a ValidationError naming the first path and counting the rest', () => {
    expect(() => validateBundle({ entities: [{ key: 1 }] })).toThrow(ValidationError);
    expect(() => validateBundle({ entities: [{ key: 1 }] })).toThrow(
      /^\$\.entities\[0\]\.key: .*\(and 2 more problems\)/,
    );
    expect(() => validateBundle(null)).toThrow(/^\$: /);
  });
});
