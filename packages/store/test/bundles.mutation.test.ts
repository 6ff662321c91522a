import { ValidationError } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBundle, type ImportProgress, type KnowledgeStore } from '../src/index';
import { aBundle } from './support/bundle-builder';
import { freshStore, openTestDatabase, type TestDatabase } from './support/modes';

// Knowledge-bundle import and export as a user of the CLI or API sees them: progress reported per
// batch, the counts of the summary, unknown references reported by their first JSON path (and
// nothing written), the default link confidence, and an export ordered and shaped for diffing.
// One embedded database; each test takes a workspace of its own.
describe('bundle import and export (embedded)', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase('embedded');
  }, 60_000);
  afterAll(async () => t?.close());

  const fresh = (): Promise<KnowledgeStore> => freshStore(t.db, 'bundles-mut');
  const rejection = async (p: Promise<unknown>): Promise<unknown> =>
    p.then(
      () => null,
      (e: unknown) => e,
    );
  /** Five entities, three relationships, three resources. */
  const smallGraph = () =>
    aBundle()
      .withEntity('n:1')
      .withEntity('n:2')
      .withEntity('n:3')
      .withEntity('n:4')
      .withEntity('n:5')
      .withRelationship('n:1', 'n:2', 'next', { weight: 0.5 })
      .withRelationship('n:2', 'n:3', 'next', { weight: 0.5 })
      .withRelationship('n:3', 'n:4', 'next', { weight: 0.5 })
      .withResource('test://1', 'one', [{ key: 'n:1' }])
      .withResource('test://2', 'two', [{ key: 'n:2', confidence: 0.5 }])
      .withResource('test://3', 'three');

  describe('import', () => {
    it('reports progress batch by batch with done and total of each phase', async () => {
      const s = await fresh();
      const progress: ImportProgress[] = [];
      const summary = await s.importBundle(smallGraph().build(), {
        batchSize: 2,
        onProgress: (p) => progress.push(p),
      });
      expect(progress).toEqual([
        { phase: 'validate', done: 0, total: 1 },
        { phase: 'validate', done: 1, total: 1 },
        { phase: 'entities', done: 2, total: 5 },
        { phase: 'entities', done: 4, total: 5 },
        { phase: 'entities', done: 5, total: 5 },
        { phase: 'relationships', done: 2, total: 3 },
        { phase: 'relationships', done: 3, total: 3 },
        { phase: 'resources', done: 2, total: 3 },
        { phase: 'resources', done: 3, total: 3 },
        { phase: 'done', done: 1, total: 1 },
      ]);
      expect(summary).toMatchObject({
        entities: { created: 5, updated: 0, unchanged: 0 },
        relationships: { created: 3, updated: 0, unchanged: 0 },
        resources: { created: 3, updated: 0, unchanged: 0 },
      });
      // every batch was written, each entity at its own key
      const exported = await s.exportBundle();
      expect(exported.entities?.map((e) => e.key)).toEqual(['n:1', 'n:2', 'n:3', 'n:4', 'n:5']);
      expect(exported.relationships?.map((r) => `${r.from}>${r.to}`)).toEqual([
        'n:1>n:2',
        'n:2>n:3',
        'n:3>n:4',
      ]);
      expect(exported.resources?.map((r) => [r.uri, r.entities])).toEqual([
        ['test://1', [{ key: 'n:1', confidence: 1 }]],
        ['test://2', [{ key: 'n:2', confidence: 0.5 }]],
        ['test://3', []],
      ]);
    });

    it('writes one row per batch when the batch size is below one, in every phase', async () => {
      const s = await fresh();
      const progress: ImportProgress[] = [];
      const summary = await s.importBundle(
        {
          ...aBundle().withEntity('a:1').withEntity('a:2').withRelationship('a:1', 'a:2', 'r').build(),
          resources: [{ uri: 'test://no-links', text: 'no links given' }],
        },
        { batchSize: 0, onProgress: (p) => progress.push(p) },
      );
      expect(progress.filter((p) => p.phase !== 'validate' && p.phase !== 'done')).toEqual([
        { phase: 'entities', done: 1, total: 2 },
        { phase: 'entities', done: 2, total: 2 },
        { phase: 'relationships', done: 1, total: 1 },
        { phase: 'resources', done: 1, total: 1 },
      ]);
      expect(summary.resources.created).toBe(1);
      expect(await s.countEntities()).toBe(2);
      expect((await s.exportBundle()).resources).toEqual([
        { uri: 'test://no-links', type: 'text/plain', text: 'no links given', entities: [] },
      ]);
    });

    it('imports an empty bundle as all-zero counts in a plausible time', async () => {
      const s = await fresh();
      const progress: ImportProgress[] = [];
      const summary = await s.importBundle({}, { onProgress: (p) => progress.push(p) });
      const zero = { created: 0, updated: 0, unchanged: 0 };
      expect(summary).toEqual({
        entities: zero,
        relationships: zero,
        resources: zero,
        durationMs: expect.any(Number),
      });
      expect(summary.durationMs).toBeGreaterThanOrEqual(0);
      expect(summary.durationMs).toBeLessThan(600_000);
      expect(progress.map((p) => p.phase)).toEqual(['validate', 'validate', 'done']);
    });

    it('counts updated and unchanged relationships and resources on a re-import', async () => {
      const s = await fresh();
      await s.importBundle(smallGraph().build());
      const changed = smallGraph().build();
      changed.relationships![1]!.weight = 0.9;
      changed.resources![2]!.text = 'three, rewritten';
      changed.entities![0]!.name = 'First';
      const summary = await s.importBundle(changed);
      expect(summary.entities).toEqual({ created: 0, updated: 1, unchanged: 4 });
      expect(summary.relationships).toEqual({ created: 0, updated: 1, unchanged: 2 });
      expect(summary.resources).toEqual({ created: 0, updated: 1, unchanged: 2 });
    });

    it('links resources and relationships to entities that only the store knows', async () => {
      const s = await fresh();
      await s.importBundle(aBundle().withEntity('old:a').withEntity('old:b').build());
      const summary = await s.importBundle(
        aBundle()
          .withRelationship('old:a', 'old:b', 'knows')
          .withResource('test://old', 'old text', [{ key: 'old:b', confidence: 0.25 }])
          .build(),
      );
      expect(summary.relationships.created).toBe(1);
      expect(summary.resources.created).toBe(1);
      const b = (await s.getEntityByKey('old:b'))!;
      const [link] = await s.resourcesForEntities([b.id]);
      expect(link).toMatchObject({ entityId: b.id, confidence: 0.25, resource: { uri: 'test://old' } });
    });

    it('reports unknown references by their first path in numeric order, listing all, writing nothing', async () => {
      const s = await fresh();
      const bundle = aBundle().withEntity('k:0');
      for (let i = 1; i <= 11; i++) bundle.withEntity(`k:${i}`);
      for (let i = 0; i <= 11; i++) {
        const to = i === 10 ? 'ghost:b' : i === 2 ? 'ghost:a' : `k:${i}`;
        bundle.withRelationship(`k:${(i + 1) % 12}`, to, 'links');
      }
      bundle.withResource('test://r', 'text', [{ key: 'ghost:c' }]);
      const error = await rejection(s.importBundle(bundle.build()));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).path).toBe('$.relationships[2].to');
      expect((error as ValidationError).message).toBe(
        '$.relationships[2].to: unknown entity key "ghost:a" (not in the bundle nor in the store) (and 2 more problems)',
      );
      expect((error as ValidationError).details.issues).toEqual([
        {
          path: '$.relationships[2].to',
          message: 'unknown entity key "ghost:a" (not in the bundle nor in the store)',
        },
        {
          path: '$.relationships[10].to',
          message: 'unknown entity key "ghost:b" (not in the bundle nor in the store)',
        },
        {
          path: '$.resources[0].entities[0].key',
          message: 'unknown entity key "ghost:c" (not in the bundle nor in the store)',
        },
      ]);
      expect(await s.countEntities()).toBe(0);
    });

    it('refuses a malformed bundle by the path of its first problem before writing anything', async () => {
      const s = await fresh();
      const error = await rejection(
        s.importBundle({
          entities: [
            { key: 'ok:1', type: 'T', name: 'One' },
            { key: 'bad:2', type: 'T' },
          ],
        }),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).path).toBe('$.entities[1].name');
      expect(await s.countEntities()).toBe(0);
    });

    it('validates a bundle without writing: the bundle back when valid, the first problem when not', () => {
      const bundle = aBundle().withEntity('v:1').withRelationship('v:1', 'elsewhere:2', 'r').build();
      expect(validateBundle(bundle)).toEqual(bundle);
      let error: unknown = null;
      try {
        validateBundle({ entities: [{ key: 'v:1', type: 'T' }] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).path).toBe('$.entities[0].name');
    });
  });

  describe('export', () => {
    it('writes entities by key, state only when not active, with aliases and attributes', async () => {
      const s = await fresh();
      await s.importBundle(
        aBundle()
          .withEntity('z:last', {
            type: 'Z',
            name: 'Last',
            aliases: ['Omega'],
            attributes: { n: 1, tags: ['a', 'b'] },
          })
          .withEntity('a:first', { type: 'A', name: 'First', state: 'archived' })
          .withEntity('m:mid', { type: 'M', name: 'Mid', state: 'inactive' })
          .build(),
      );
      expect((await s.exportBundle()).entities).toEqual([
        { key: 'a:first', type: 'A', name: 'First', aliases: [], attributes: {}, state: 'archived' },
        { key: 'm:mid', type: 'M', name: 'Mid', aliases: [], attributes: {}, state: 'inactive' },
        {
          key: 'z:last',
          type: 'Z',
          name: 'Last',
          aliases: ['Omega'],
          attributes: { n: 1, tags: ['a', 'b'] },
        },
      ]);
    });

    it('writes relationships by from, to and type with weight and path', async () => {
      const s = await fresh();
      await s.importBundle(
        aBundle()
          .withEntity('a')
          .withEntity('b')
          .withEntity('c')
          .withRelationship('b', 'a', 'x', { weight: 0.25, path: 'p.x' })
          .withRelationship('a', 'c', 'y')
          .withRelationship('a', 'b', 'z', { weight: 0.5 })
          .withRelationship('a', 'b', 'w', { weight: 0.75 })
          .build(),
      );
      expect((await s.exportBundle()).relationships).toEqual([
        { from: 'a', to: 'b', type: 'w', weight: 0.75, path: 'w' },
        { from: 'a', to: 'b', type: 'z', weight: 0.5, path: 'z' },
        { from: 'a', to: 'c', type: 'y', weight: 1, path: 'y' },
        { from: 'b', to: 'a', type: 'x', weight: 0.25, path: 'p.x' },
      ]);
    });

    it('writes resources by uri, leaving out a missing title or text, links by key', async () => {
      const s = await fresh();
      await s.importBundle(aBundle().withEntity('e:b').withEntity('e:a').build());
      await s.upsertResource({ uri: 'test://z', type: 'text/markdown' });
      await s.upsertResource({
        uri: 'test://a',
        title: 'A',
        text: 'alpha',
        entities: [
          { key: 'e:b', confidence: 0.5 },
          { key: 'e:a', confidence: 0.75 },
        ],
      });
      expect((await s.exportBundle()).resources).toEqual([
        {
          uri: 'test://a',
          type: 'text/plain',
          title: 'A',
          text: 'alpha',
          entities: [
            { key: 'e:a', confidence: 0.75 },
            { key: 'e:b', confidence: 0.5 },
          ],
        },
        { uri: 'test://z', type: 'text/markdown', entities: [] },
      ]);
    });

    it('exports only its own workspace; an empty one as empty lists', async () => {
      const s = await fresh();
      await s.importBundle(smallGraph().build());
      expect(await (await fresh()).exportBundle()).toEqual({
        entities: [],
        relationships: [],
        resources: [],
      });
    });
  });
});
