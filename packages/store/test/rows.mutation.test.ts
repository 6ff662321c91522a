import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeStore } from '../src/index';
import { toEntity, type EntityRow } from '../src/entity-rows';
import { toRelationship } from '../src/relationship-rows';
import { toResource, type ResourceRow } from '../src/resource-rows';
import { freshStore, openTestDatabase, type TestDatabase } from './support/modes';

// Database rows to domain objects: bigint ids and numerics that arrive as strings over the wire,
// dates as strings, null aggregates as empty lists, and attributes folded into single or list
// values; then the same through the real select lists (alias and attribute order as stored).
describe('row mapping', () => {
  const entityRow = (overrides: Partial<EntityRow> = {}): EntityRow => ({
    id: 7,
    workspace_id: 2,
    key: 'p:ada',
    type: 'Person',
    name: 'Ada',
    state: 'inactive',
    version: 3,
    created_at: new Date('2026-01-02T03:04:05.000Z'),
    updated_at: new Date('2026-02-03T04:05:06.000Z'),
    aliases: ['Countess'],
    attrs: null,
    ...overrides,
  });

  describe('entities', () => {
    it('maps every column, turning string ids, versions and dates into numbers and Dates', () => {
      const entity = toEntity(
        entityRow({
          id: '12' as unknown as number,
          workspace_id: '4' as unknown as number,
          version: '5' as unknown as number,
          created_at: '2026-01-02T03:04:05.000Z' as unknown as Date,
        }),
      );
      expect(entity).toEqual({
        id: 12,
        workspaceId: 4,
        key: 'p:ada',
        type: 'Person',
        name: 'Ada',
        state: 'inactive',
        version: 5,
        aliases: ['Countess'],
        attributes: {},
        createdAt: new Date('2026-01-02T03:04:05.000Z'),
        updatedAt: new Date('2026-02-03T04:05:06.000Z'),
      });
    });

    it('reads missing aliases and attributes as empty', () => {
      const entity = toEntity(entityRow({ aliases: null, attrs: null }));
      expect(entity.aliases).toEqual([]);
      expect(entity.attributes).toEqual({});
    });

    it('folds multi-valued attributes into lists in row order and keeps single values plain', () => {
      const entity = toEntity(
        entityRow({
          attrs: [
            ['born', 1815, false],
            ['flag', false, false],
            ['langs', 'en', true],
            ['langs', 'fr', true],
            ['solo', 'x', true],
          ],
        }),
      );
      expect(entity.attributes).toEqual({ born: 1815, flag: false, langs: ['en', 'fr'], solo: ['x'] });
    });
  });

  describe('relationships and resources', () => {
    it('maps a relationship row, ids and weight as numbers', () => {
      expect(
        toRelationship({
          id: '9' as unknown as number,
          entity_id_1: '1' as unknown as number,
          entity_id_2: '2' as unknown as number,
          type: 'orbits',
          weight: '0.5' as unknown as number,
          path: 'astro.orbits',
        }),
      ).toEqual({ id: 9, fromId: 1, toId: 2, type: 'orbits', weight: 0.5, path: 'astro.orbits' });
    });

    const resourceRow = (overrides: Partial<ResourceRow> = {}): ResourceRow => ({
      id: '3' as unknown as number,
      workspace_id: '2' as unknown as number,
      uri: 'test://r',
      title: 'R',
      content_type: 'text/plain',
      text: 'body',
      content_hash: 'abc',
      fetched_at: '2026-03-04T05:06:07.000Z' as unknown as Date,
      ...overrides,
    });

    it('maps a resource row with its fetch time as a Date', () => {
      expect(toResource(resourceRow())).toEqual({
        id: 3,
        workspaceId: 2,
        uri: 'test://r',
        title: 'R',
        contentType: 'text/plain',
        text: 'body',
        contentHash: 'abc',
        fetchedAt: new Date('2026-03-04T05:06:07.000Z'),
      });
    });

    it('keeps a never-fetched resource and its missing parts as null', () => {
      expect(
        toResource(resourceRow({ fetched_at: null, title: null, text: null, content_hash: null })),
      ).toMatchObject({ fetchedAt: null, title: null, text: null, contentHash: null });
    });
  });

  describe('through the select lists (embedded)', () => {
    let t: TestDatabase;
    let store: KnowledgeStore;

    beforeAll(async () => {
      t = await openTestDatabase('embedded');
      store = await freshStore(t.db, 'rows-mut');
    }, 60_000);
    afterAll(async () => t?.close());

    it('loads aliases in their given order without the name, attributes by name then position', async () => {
      const { entity } = await store.upsertEntity({
        key: 'p:x',
        type: 'Person',
        name: 'Xavier',
        aliases: ['Zed', 'Alpha', 'Mid'],
        attributes: { zeta: 1, alpha: ['c', 'a', 'b'], mid: true },
      });
      for (const loaded of [
        entity,
        await store.getEntityByKey('p:x'),
        (await store.getEntities([entity.id]))[0],
      ]) {
        expect(loaded?.aliases).toEqual(['Zed', 'Alpha', 'Mid']);
        expect(loaded?.attributes).toEqual({ alpha: ['c', 'a', 'b'], mid: true, zeta: 1 });
        expect(Object.keys(loaded?.attributes ?? {})).toEqual(['alpha', 'mid', 'zeta']);
        expect(loaded?.createdAt).toBeInstanceOf(Date);
        expect(loaded?.workspaceId).toBe(store.workspaceId);
      }
    });

    it('loads relationships and resources through their select lists', async () => {
      await store.upsertEntities([
        { key: 'r:a', type: 'T', name: 'A' },
        { key: 'r:b', type: 'T', name: 'B' },
      ]);
      const { relationship } = await store.upsertRelationship({
        from: 'r:a',
        to: 'r:b',
        type: 'links',
        weight: 0.5,
        path: 'x.links',
      });
      expect((await store.getRelationships([relationship.id]))[0]).toEqual(relationship);
      expect(relationship).toMatchObject({ type: 'links', weight: 0.5, path: 'x.links' });
      const { resource } = await store.upsertResource({
        uri: 'test://rows',
        title: 'Rows',
        text: 'row text',
      });
      expect((await store.getResources([resource.id]))[0]).toEqual(resource);
      expect(resource).toMatchObject({
        uri: 'test://rows',
        title: 'Rows',
        text: 'row text',
        fetchedAt: null,
      });
    });
  });
});
