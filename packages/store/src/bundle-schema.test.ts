import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError, isLtreePath } from '@rustygpt/core';
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

describe('docs/knowledge-bundle.schema.json', () => {
  const schema = JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../../../docs/knowledge-bundle.schema.json', import.meta.url)),
      'utf8',
    ),
  ) as {
    $defs: Record<string, { required?: string[]; properties?: Record<string, unknown>; pattern?: string }>;
  };

  it('agrees with the validator on ltree paths', () => {
    const pattern = new RegExp(schema.$defs.ltreePath!.pattern!);
    for (const path of ['a', 'geo.borders_2', 'A1.b.C', 'a..b', '', 'a-b', 'a.', 'é']) {
      expect(pattern.test(path)).toBe(isLtreePath(path));
    }
  });

  it('lists the same fields as the validator', () => {
    expect(schema.$defs.entity!.required).toEqual(['key', 'type', 'name']);
    expect(Object.keys(schema.$defs.entity!.properties!).sort()).toEqual([
      'aliases',
      'attributes',
      'key',
      'name',
      'state',
      'type',
    ]);
    expect(Object.keys(schema.$defs.relationship!.properties!).sort()).toEqual([
      'from',
      'path',
      'to',
      'type',
      'weight',
    ]);
    expect(Object.keys(schema.$defs.resource!.properties!).sort()).toEqual([
      'entities',
      'text',
      'title',
      'type',
      'uri',
    ]);
  });

  it('describes the demo bundle, which the validator accepts', () => {
    const demo = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../data/demo/bundle.json', import.meta.url)), 'utf8'),
    ) as unknown;
    expect(validateBundleShape(demo)).toMatchObject({ ok: true, missingKeys: [] });
  });
});
