import fc from 'fast-check';
import { ValidationError, normalizeText, type KnowledgeBundle } from '@rustygpt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, ImportProgress, KnowledgeStore } from '../src/index';
import { aBundle, solarSystem } from './support/bundle-builder';
import { TEST_MODES, freshStore, openTestDatabase, type TestDatabase } from './support/modes';

/** Row counts of everything an import writes, for one workspace. */
async function rowCounts(db: Database, workspaceId: number): Promise<Record<string, number>> {
  const rows = await db.query<Record<string, number>>(
    `SELECT
       (SELECT count(*)::int FROM entities WHERE workspace_id = $1) AS entities,
       (SELECT count(*)::int FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE e.workspace_id = $1) AS aliases,
       (SELECT count(*)::int FROM entity_attribute_link l JOIN entities e ON e.id = l.entity_id WHERE e.workspace_id = $1) AS attribute_links,
       (SELECT count(*)::int FROM attribute_values v JOIN attributes a ON a.id = v.attribute_id WHERE a.workspace_id = $1) AS attribute_values,
       (SELECT count(*)::int FROM entity_versions v JOIN entities e ON e.id = v.entity_id WHERE e.workspace_id = $1) AS versions,
       (SELECT count(*)::int FROM relationships WHERE workspace_id = $1) AS relationships,
       (SELECT count(*)::int FROM external_resources WHERE workspace_id = $1) AS resources,
       (SELECT count(*)::int FROM resource_chunks c JOIN external_resources r ON r.id = c.resource_id WHERE r.workspace_id = $1) AS chunks,
       (SELECT count(*)::int FROM entity_resource_link l JOIN entities e ON e.id = l.entity_id WHERE e.workspace_id = $1) AS links`,
    [workspaceId],
  );
  return rows[0] as Record<string, number>;
}

/** Sorts a bundle's lists so two bundles compare equal modulo order. */
function canonical(bundle: KnowledgeBundle): KnowledgeBundle {
  const by =
    <T>(f: (x: T) => string) =>
    (a: T, b: T) =>
      f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0;
  return {
    entities: [...(bundle.entities ?? [])].sort(by((e) => e.key)),
    relationships: [...(bundle.relationships ?? [])].sort(by((r) => JSON.stringify([r.from, r.to, r.type]))),
    resources: [...(bundle.resources ?? [])]
      .map((r) => ({ ...r, entities: [...(r.entities ?? [])].sort(by((l) => l.key)) }))
      .sort(by((r) => r.uri)),
  };
}

describe.each(TEST_MODES)('knowledge bundles (%s)', (mode) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
  });
  afterAll(async () => t?.close());

  const expectInvalid = async (store: KnowledgeStore, bundle: unknown, path: string, message: RegExp) => {
    const before = await rowCounts(t.db, store.workspaceId);
    const error = await store.importBundle(bundle).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe(path);
    expect((error as ValidationError).message).toMatch(message);
    expect(await rowCounts(t.db, store.workspaceId)).toEqual(before);
  };

  it('rejects invalid bundles naming the JSON path, writing nothing', async () => {
    const store = await freshStore(t.db, 'invalid');
    const good = solarSystem().build();
    await expectInvalid(
      store,
      {
        ...good,
        relationships: [...good.relationships!, { from: 'planet:earth', to: 'planet:vulcan', type: 'x' }],
      },
      '$.relationships[5].to',
      /unknown entity key "planet:vulcan"/,
    );
    await expectInvalid(
      store,
      {
        ...good,
        relationships: [{ from: 'planet:earth', to: 'star:sun', type: 'x', path: 'astro.or-bits' }],
      },
      '$.relationships[0].path',
      /invalid ltree label "or-bits"/,
    );
    await expectInvalid(
      store,
      { ...good, relationships: [{ from: 'planet:earth', to: 'star:sun', type: 'x', weight: Number.NaN }] },
      '$.relationships[0].weight',
      /./,
    );
    await expectInvalid(
      store,
      { ...good, relationships: [{ from: 'planet:earth', to: 'star:sun', type: 'x', weight: Infinity }] },
      '$.relationships[0].weight',
      /./,
    );
    await expectInvalid(
      store,
      {
        entities: [
          { key: 'a', type: 'T', name: 'A' },
          { key: 'a', type: 'T', name: 'B' },
        ],
      },
      '$.entities[1].key',
      /duplicate key "a"/,
    );
    await expectInvalid(
      store,
      { entities: [{ key: 'a', type: 'T', name: 42 }] },
      '$.entities[0].name',
      /string/,
    );
    await expectInvalid(
      store,
      { entities: [{ key: 'a', type: 'T', name: 'A', attributes: { x: { nested: 1 } } }] },
      '$.entities[0].attributes.x',
      /./,
    );
    await expectInvalid(
      store,
      { entities: [{ key: 'a', type: 'T', name: 'A', colour: 'red' }] },
      '$.entities[0]',
      /colour/,
    );
    await expectInvalid(store, { entities: 'nope' }, '$.entities', /array/);
    await expectInvalid(
      store,
      { resources: [{ uri: 'u', entities: [{ key: 'ghost' }] }] },
      '$.resources[0].entities[0].key',
      /unknown entity key "ghost"/,
    );
    expect(await store.countEntities()).toBe(0);
  });

  it('accepts references to keys that already exist in the store', async () => {
    const store = await freshStore(t.db, 'refs');
    await store.importBundle(solarSystem().build());
    const summary = await store.importBundle(
      aBundle()
        .withEntity('moon:deimos', { type: 'Moon' })
        .withRelationship('moon:deimos', 'planet:mars', 'orbits')
        .build(),
    );
    expect(summary.entities.created).toBe(1);
    expect(summary.relationships.created).toBe(1);
  });

  it('imports idempotently and reports progress', async () => {
    const store = await freshStore(t.db, 'idem');
    const progress: ImportProgress[] = [];
    const first = await store.importBundle(solarSystem().build(), { onProgress: (p) => progress.push(p) });
    expect(first).toMatchObject({
      entities: { created: 6, updated: 0, unchanged: 0 },
      relationships: { created: 5, updated: 0, unchanged: 0 },
      resources: { created: 2, updated: 0, unchanged: 0 },
    });
    expect(progress.map((p) => p.phase)).toEqual([
      'validate',
      'validate',
      'entities',
      'relationships',
      'resources',
      'done',
    ]);
    const counts = await rowCounts(t.db, store.workspaceId);
    const second = await store.importBundle(solarSystem().build());
    expect(second).toMatchObject({
      entities: { created: 0, updated: 0, unchanged: 6 },
      relationships: { created: 0, updated: 0, unchanged: 5 },
      resources: { created: 0, updated: 0, unchanged: 2 },
    });
    expect(await rowCounts(t.db, store.workspaceId)).toEqual(counts);
  });

  it('acceptance: 700 entities / 2,000 relationships twice leaves identical counts; one changed attribute = one version row', async () => {
    const store = await freshStore(t.db, 'accept');
    const bundle = aBundle().withGenerated(700, 2000, 7).build();
    const first = await store.importBundle(bundle);
    expect(first.entities.created).toBe(700);
    expect(first.relationships.created).toBe(2000);
    const counts = await rowCounts(t.db, store.workspaceId);
    expect(counts).toMatchObject({ entities: 700, relationships: 2000, versions: 700 });
    const again = await store.importBundle(bundle);
    expect(again.entities).toEqual({ created: 0, updated: 0, unchanged: 700 });
    expect(again.relationships).toEqual({ created: 0, updated: 0, unchanged: 2000 });
    expect(await rowCounts(t.db, store.workspaceId)).toEqual(counts);

    const changed = structuredClone(bundle);
    changed.entities![123]!.attributes = { ...changed.entities![123]!.attributes, rank: 9999 };
    const third = await store.importBundle(changed);
    expect(third.entities).toEqual({ created: 0, updated: 1, unchanged: 699 });
    const after = await rowCounts(t.db, store.workspaceId);
    expect(after.versions).toBe(counts.versions! + 1);
    expect(after.entities).toBe(700);
    const e = await store.getEntityByKey('gen:123');
    expect(e).toMatchObject({ version: 2, attributes: { rank: 9999 } });
    const versions = await store.versionsOf([e!.id]);
    expect(versions.at(-1)).toMatchObject({ version: 2, change: 'update:attributes' });
  });

  it('round-trips: import then export equals the input modulo order (property)', async () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
    const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.trim() !== '');
    const scalar = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc
        .double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 })
        .filter((x) => !Object.is(x, -0)),
      fc.boolean(),
    );
    const value = fc.oneof(
      scalar,
      fc.uniqueArray(scalar, { minLength: 1, maxLength: 3, selector: (v) => JSON.stringify(v) }),
    );
    const entity = fc.record({
      type: fc.constantFrom('Person', 'Place', 'Thing'),
      name: text,
      aliases: fc.uniqueArray(text, { maxLength: 3 }),
      attributes: fc.dictionary(label, value, { maxKeys: 4 }),
      state: fc.constantFrom(undefined, 'inactive' as const, 'archived' as const),
    });
    const bundleArb = fc
      .uniqueArray(fc.stringMatching(/^[a-z]{1,3}:[a-z0-9]{1,4}$/), { minLength: 1, maxLength: 8 })
      .chain((keys) =>
        fc.record({
          keys: fc.constant(keys),
          entities: fc.array(entity, { minLength: keys.length, maxLength: keys.length }),
          rels: fc.uniqueArray(
            fc.record({
              from: fc.constantFrom(...keys),
              to: fc.constantFrom(...keys),
              type: fc.constantFrom('knows', 'part of', 'near'),
              weight: fc
                .double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 })
                .filter((x) => !Object.is(x, -0)),
              path: fc.option(fc.constantFrom('a', 'a.b', 'geo.near_by'), { nil: undefined }),
            }),
            { maxLength: 10, selector: (r) => `${r.from}|${r.to}|${r.type}` },
          ),
          resources: fc.uniqueArray(
            fc.record({
              uri: fc.stringMatching(/^test:\/\/[a-z]{1,5}$/),
              title: fc.option(text, { nil: undefined }),
              text: fc.option(fc.lorem({ maxCount: 8 }), { nil: undefined }),
              links: fc.uniqueArray(fc.constantFrom(...keys), { maxLength: 2 }),
              confidence: fc.constantFrom(0, 0.25, 0.5, 1),
            }),
            { maxLength: 3, selector: (r) => r.uri },
          ),
        }),
      )
      .map(({ keys, entities, rels, resources }): KnowledgeBundle => ({
        entities: keys.map((key, i) => {
          const e = entities[i]!;
          const aliases = [...new Map(e.aliases.map((a) => [normalizeText(a), a] as const)).entries()]
            .filter(([n]) => n !== '' && n !== normalizeText(e.name))
            .map(([, a]) => a);
          return {
            key,
            type: e.type,
            name: e.name,
            aliases,
            attributes: e.attributes,
            ...(e.state ? { state: e.state } : {}),
          };
        }),
        relationships: rels.map((r) => ({
          from: r.from,
          to: r.to,
          type: r.type,
          weight: r.weight,
          path: r.path ?? r.type.replace(/ /g, '_'),
        })),
        resources: resources.map((r) => ({
          uri: r.uri,
          type: 'text/plain',
          ...(r.title === undefined ? {} : { title: r.title }),
          ...(r.text === undefined ? {} : { text: r.text }),
          entities: r.links.map((key) => ({ key, confidence: r.confidence })),
        })),
      }));
    await fc.assert(
      fc.asyncProperty(bundleArb, async (bundle) => {
        const store = await freshStore(t.db, 'rt');
        await store.importBundle(bundle);
        const exported = await store.exportBundle();
        expect(canonical(exported)).toEqual(canonical(bundle));
        const again = await store.importBundle(exported);
        expect(again.entities.updated + again.relationships.updated + again.resources.updated).toBe(0);
      }),
      { numRuns: mode === 'embedded' ? 40 : 15 },
    );
  });
});
