/**
 * Tests written from mutants that survived mutation testing (docs/QUALITY.md): each pins a
 * behaviour of bundle validation that the other tests let change unnoticed — the JSON path and
 * the wording of every problem, what counts as a duplicate, which keys the importer must look up,
 * and how many problems an error carries.
 */
import { describe, expect, it } from 'vitest';
import type { KnowledgeBundle } from '@rustygpt/core';
import {
  jsonPath,
  referencePaths,
  throwIssues,
  validateBundleShape,
  type BundleIssue,
} from '../src/bundle-schema';
import { aBundle } from './support/bundle-builder';
import { validationErrorOf } from './support/validation';

/** The issues of a bundle that must be rejected (fails the test when it is accepted). */
function issuesOf(input: unknown): BundleIssue[] {
  const result = validateBundleShape(input);
  if (result.ok) throw new Error('expected the bundle to be rejected');
  return result.issues;
}

const issue = (n: number): BundleIssue => ({ path: `$.entities[${n}].key`, message: `problem ${n}` });

describe('bundle shape (from surviving mutants)', () => {
  it('says which required text is blank, at its path', () => {
    const issues = issuesOf({
      entities: [{ key: ' ', type: '', name: '\t', attributes: { ' ': 1 } }],
      relationships: [{ from: '', to: ' ', type: '  ' }],
    });
    expect(issues).toEqual([
      { path: '$.entities[0].key', message: 'key must not be empty' },
      { path: '$.entities[0].type', message: 'type must not be empty' },
      { path: '$.entities[0].name', message: 'name must not be empty' },
      { path: '$.entities[0].attributes[" "]', message: 'attribute name must not be empty' },
      { path: '$.relationships[0].from', message: 'from must not be empty' },
      { path: '$.relationships[0].to', message: 'to must not be empty' },
      { path: '$.relationships[0].type', message: 'type must not be empty' },
    ]);
  });

  it('accepts the three entity states and no other', () => {
    const bundle = aBundle()
      .withEntity('a', { state: 'active' })
      .withEntity('b', { state: 'inactive' })
      .withEntity('c', { state: 'archived' })
      .build();
    expect(validateBundleShape(bundle)).toMatchObject({ ok: true });
    const wrong = aBundle()
      .withEntity('a')
      .withEntity('b', { state: 'deleted' as never })
      .build();
    expect(issuesOf(wrong).map((i) => i.path)).toEqual(['$.entities[1].state']);
  });

  it('checks relationship paths as ltree paths and says which label is wrong', () => {
    const ok = aBundle().withEntity('a').withRelationship('a', 'a', 'x', { path: 'geo.borders_2' }).build();
    expect(validateBundleShape(ok)).toMatchObject({ ok: true });
    const wrong = aBundle()
      .withEntity('a')
      .withRelationship('a', 'a', 'x', { path: 'geo.borders_2' })
      .withRelationship('a', 'a', 'y', { path: 'geo..borders' })
      .build();
    expect(issuesOf(wrong)).toEqual([
      {
        path: '$.relationships[1].path',
        message: 'invalid ltree label "" at position 1: use letters, digits and underscore',
      },
    ]);
  });
});

describe('bundle consistency (from surviving mutants)', () => {
  it('rejects a repeated entity key, pointing at the first occurrence', () => {
    const bundle = aBundle().withEntity('a').withEntity('b').withEntity('a').build();
    expect(issuesOf(bundle)).toEqual([
      { path: '$.entities[2].key', message: 'duplicate key "a" (first at $.entities[0])' },
    ]);
  });

  it('treats relationship types that differ only by surrounding spaces as the same relationship', () => {
    const bundle = aBundle()
      .withEntity('a')
      .withEntity('b')
      .withRelationship('a', 'b', 'orbits')
      .withRelationship('b', 'a', 'orbits')
      .withRelationship('a', 'b', ' orbits ')
      .build();
    expect(issuesOf(bundle)).toEqual([
      { path: '$.relationships[2]', message: 'duplicate relationship (first at $.relationships[0])' },
    ]);
  });

  it('rejects a repeated resource URI, pointing at the first occurrence', () => {
    const bundle = aBundle().withResource('u1', 'x').withResource('u2', 'y').withResource('u2', 'z').build();
    expect(issuesOf(bundle)).toEqual([
      { path: '$.resources[2].uri', message: 'duplicate uri (first at $.resources[1])' },
    ]);
  });

  it('accepts a bundle with only some of its sections and returns just those', () => {
    const entities = aBundle().withEntity('a').build().entities;
    expect(validateBundleShape({ entities })).toEqual({ ok: true, bundle: { entities }, missingKeys: [] });

    const relationships = [{ from: 'a', to: 'b', type: 'x' }];
    expect(validateBundleShape({ relationships })).toEqual({
      ok: true,
      bundle: { relationships },
      missingKeys: ['a', 'b'],
    });

    const resources = [{ uri: 'u', text: 'no links' }];
    expect(validateBundleShape({ $schema: 'bundle.schema.json', version: 1, resources })).toEqual({
      ok: true,
      bundle: { resources },
      missingKeys: [],
    });
    expect(validateBundleShape({})).toEqual({ ok: true, bundle: {}, missingKeys: [] });
  });

  it('returns every section of a full bundle', () => {
    const bundle = aBundle()
      .withEntity('a', { attributes: { n: [1, 'x', true] } })
      .withRelationship('a', 'a', 'x', { weight: 0.5, path: 'p.q' })
      .withResource('u', 'text', [{ key: 'a', confidence: 1 }], 'Title')
      .build();
    expect(validateBundleShape(bundle)).toEqual({ ok: true, bundle, missingKeys: [] });
  });

  it('lists keys linked from resources but not defined in the bundle, once each', () => {
    const bundle = aBundle()
      .withEntity('a')
      .withRelationship('a', 'b', 'x')
      .withResource('u1', 'text', [{ key: 'a' }, { key: 'c' }, { key: 'b' }])
      .withResource('u2', 'text', [{ key: 'c' }])
      .build();
    expect(validateBundleShape(bundle)).toMatchObject({ ok: true, missingKeys: ['b', 'c'] });
  });
});

describe('JSON paths and reference paths (from surviving mutants)', () => {
  it('quotes a symbol path segment rather than failing', () => {
    expect(jsonPath(['entities', Symbol('key')])).toBe('$.entities["Symbol(key)"]');
  });

  it('names the first place each key is referenced', () => {
    const bundle: KnowledgeBundle = {
      relationships: [
        { from: 'a', to: 'b', type: 'x' },
        { from: 'b', to: 'c', type: 'x' },
      ],
      resources: [
        { uri: 'u0' },
        {
          uri: 'u1',
          entities: [{ key: 'c' }, { key: 'd' }],
        },
      ],
    };
    expect(Object.fromEntries(referencePaths(bundle))).toEqual({
      a: '$.relationships[0].from',
      b: '$.relationships[0].to',
      c: '$.relationships[1].to',
      d: '$.resources[1].entities[1].key',
    });
    expect(referencePaths({}).size).toBe(0);
  });
});

describe('throwing bundle issues (from surviving mutants)', () => {
  it('names only the first problem when it is the only one', () => {
    const error = validationErrorOf(() => throwIssues([issue(0)]));
    expect(error.message).toBe('$.entities[0].key: problem 0');
    expect(error.path).toBe('$.entities[0].key');
  });

  it('counts the other problems, singular and plural', () => {
    expect(validationErrorOf(() => throwIssues([issue(0), issue(1)])).message).toBe(
      '$.entities[0].key: problem 0 (and 1 more problem)',
    );
    expect(validationErrorOf(() => throwIssues([issue(0), issue(1), issue(2)])).message).toBe(
      '$.entities[0].key: problem 0 (and 2 more problems)',
    );
  });

  it('carries the problems in its details, at most 50', () => {
    const two = [issue(0), issue(1)];
    expect(validationErrorOf(() => throwIssues(two)).details).toMatchObject({ issues: two });

    const many = Array.from({ length: 60 }, (_, n) => issue(n));
    const error = validationErrorOf(() => throwIssues(many));
    expect(error.message).toMatch(/\(and 59 more problems\)$/);
    expect(error.details.issues).toEqual(many.slice(0, 50));
  });
});
