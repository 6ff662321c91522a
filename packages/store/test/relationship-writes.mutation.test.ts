import { ValidationError, type RelationshipInput } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeStore } from '../src/index';
import { aBundle } from './support/bundle-builder';
import { freshStore, openTestDatabase, type TestDatabase } from './support/modes';

// Relationship upserts as a store user sees them: validation errors with their codes and paths,
// defaults, outcomes (created / updated / unchanged), batches that write all or nothing, and the
// counts a bundle import reports. One embedded database for the whole file.
describe('relationship writes (embedded)', () => {
  let t: TestDatabase;
  let store: KnowledgeStore;
  const ids = new Map<string, number>();
  const id = (key: string): number => ids.get(key)!;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
    store = await freshStore(t.db, 'rel-writes');
    const written = await store.upsertEntities(
      ['a', 'b', 'c', 'd'].map((key) => ({ key, type: 'Node', name: key })),
    );
    for (const w of written) ids.set(w.key, w.id);
  });
  afterAll(async () => t?.close());

  /** The error an upsert of `inputs` fails with. */
  async function failure(inputs: RelationshipInput[]): Promise<ValidationError> {
    const error: unknown = await store.upsertRelationships(inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }

  describe('validation', () => {
    it.each([
      ['an empty type', { from: 'a', to: 'b', type: '' }, '$.type', 'type must be a non-empty string'],
      ['a blank type', { from: 'a', to: 'b', type: '  ' }, '$.type', 'type must be a non-empty string'],
      ['a type that is not a string', { from: 'a', to: 'b', type: 7 }, '$.type', 'non-empty string'],
      ['a NaN weight', { from: 'a', to: 'b', type: 't', weight: Number.NaN }, '$.weight', 'finite number'],
      ['an infinite weight', { from: 'a', to: 'b', type: 't', weight: Infinity }, '$.weight', 'finite'],
      ['a weight that is a string', { from: 'a', to: 'b', type: 't', weight: '0.5' }, '$.weight', 'finite'],
      ['an invalid path', { from: 'a', to: 'b', type: 't', path: 'x..y' }, '$.path', 'ltree'],
      ['an unknown from key', { from: 'zz', to: 'b', type: 't' }, '$.from', 'unknown entity key "zz"'],
      ['an unknown to key', { from: 'a', to: 'yy', type: 't' }, '$.to', 'unknown entity key "yy"'],
    ])('rejects %s with BAD_USER_INPUT at its path', async (_label, input, path, message) => {
      const error = await failure([input as unknown as RelationshipInput]);
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.path).toBe(path);
      expect(error.message).toContain(`${path}: `);
      expect(error.message).toContain(message);
    });

    it('names the failing item of a batch by its index and writes none of the batch', async () => {
      const error = await failure([
        { from: 'a', to: 'c', type: 'batch' },
        { from: 'a', to: 'nowhere', type: 'batch' },
      ]);
      expect(error.path).toBe('$[1].to');
      expect(await store.relationshipsOf([id('a')], { types: ['batch'] })).toEqual([]);
    });

    it('writes none of a batch that the database refuses', async () => {
      // valid for the store's checks, but PostgreSQL text cannot hold a NUL character
      const error: unknown = await store
        .upsertRelationships([
          { from: 'b', to: 'c', type: 'rollback' },
          { from: 'c', to: 'd', type: 'rollback\u0000x', path: 'rollback' },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(await store.relationshipsUnderPath('rollback')).toEqual([]);
    });
  });

  describe('defaults and outcomes', () => {
    it('defaults the weight to 1 and the path to the type as one label, and trims the type', async () => {
      const { relationship, outcome } = await store.upsertRelationship({
        from: 'a',
        to: 'b',
        type: ' part of ',
      });
      expect(outcome).toBe('created');
      expect(relationship).toMatchObject({
        fromId: id('a'),
        toId: id('b'),
        type: 'part of',
        weight: 1,
        path: 'part_of',
      });
    });

    it('reports created, then unchanged, then updated on a weight or path change', async () => {
      const input = { from: 'b', to: 'a', type: 'rates', weight: 0.5, path: 'score.rates' };
      const created = await store.upsertRelationship(input);
      expect(created.outcome).toBe('created');
      const same = await store.upsertRelationship(input);
      expect(same).toEqual({ relationship: created.relationship, outcome: 'unchanged' });
      const reweighted = await store.upsertRelationship({ ...input, weight: 0.25 });
      expect(reweighted.outcome).toBe('updated');
      expect(reweighted.relationship).toEqual({ ...created.relationship, weight: 0.25 });
      const moved = await store.upsertRelationship({ ...input, weight: 0.25, path: 'score.other' });
      expect(moved.outcome).toBe('updated');
      expect(moved.relationship.path).toBe('score.other');
    });

    it('returns every row of a mixed batch, unchanged ones included, with their outcomes', async () => {
      const first = await store.upsertRelationships([
        { from: 'c', to: 'a', type: 'mix', weight: 0.1 },
        { from: 'c', to: 'b', type: 'mix', weight: 0.2 },
      ]);
      expect(first.map((r) => [r.toId, r.weight])).toEqual([
        [id('a'), 0.1],
        [id('b'), 0.2],
      ]);
      const again = await store.upsertRelationships([
        { from: 'c', to: 'a', type: 'mix', weight: 0.1 },
        { from: 'c', to: 'b', type: 'mix', weight: 0.3 },
        { from: 'c', to: 'd', type: 'mix', weight: 0.4 },
      ]);
      expect(again.map((r) => [r.toId, r.weight]).sort()).toEqual(
        [
          [id('a'), 0.1],
          [id('b'), 0.3],
          [id('d'), 0.4],
        ].sort(),
      );
      expect(again.find((r) => r.toId === id('a'))!.id).toBe(first[0]!.id);
      expect(await store.relationshipsOf([id('c')], { types: ['mix'] })).toHaveLength(3);
    });

    it('keeps the last of repeated (from, to, type) items in one batch, but distinct types apart', async () => {
      const rows = await store.upsertRelationships([
        { from: 'd', to: 'a', type: 'dup', weight: 0.1 },
        { from: 'd', to: 'a', type: 'dup', weight: 0.7 },
        { from: 'd', to: 'a', type: 'dup2', weight: 0.2 },
        { from: 'd', to: 'b', type: 'dup', weight: 0.3 },
      ]);
      expect(rows.map((r) => [r.toId, r.type, r.weight])).toEqual([
        [id('a'), 'dup', 0.7],
        [id('a'), 'dup2', 0.2],
        [id('b'), 'dup', 0.3],
      ]);
    });

    it('writes nothing for an empty batch', async () => {
      expect(await store.upsertRelationships([])).toEqual([]);
    });
  });

  describe('bundle import counts', () => {
    it('counts created, updated and unchanged relationships', async () => {
      const s = await freshStore(t.db, 'rel-import');
      const bundle = (weight: number) =>
        aBundle()
          .withEntity('x:1')
          .withEntity('x:2')
          .withEntity('x:3')
          .withRelationship('x:1', 'x:2', 'link', { weight: 0.5 })
          .withRelationship('x:2', 'x:3', 'link', { weight })
          .withRelationship('x:3', 'x:1', 'link', { weight: 0.5 })
          .build();
      expect((await s.importBundle(bundle(0.5))).relationships).toEqual({
        created: 3,
        updated: 0,
        unchanged: 0,
      });
      expect((await s.importBundle(bundle(0.5))).relationships).toEqual({
        created: 0,
        updated: 0,
        unchanged: 3,
      });
      expect((await s.importBundle(bundle(0.9))).relationships).toEqual({
        created: 0,
        updated: 1,
        unchanged: 2,
      });
      const rels = await s.relationshipsUnderPath('link');
      expect(rels.map((r) => r.weight).sort()).toEqual([0.5, 0.5, 0.9]);
    });
  });
});
