/**
 * Mutation-testing gate for resource writes: what an upsert reports (created, unchanged,
 * updated), when chunks are rebuilt, and how entity links are replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../src/resource-writes';
import type { KnowledgeStore } from '../src/index';
import { freshStore, openTestDatabase, type TestDatabase } from './support/modes';

let t: TestDatabase;
let store: KnowledgeStore;
let iron: number;
let neon: number;

beforeAll(async () => {
  t = await openTestDatabase('embedded');
  store = await freshStore(t.db, 'resources');
  await store.importBundle({
    entities: [
      { key: 'iron', type: 'element', name: 'Iron' },
      { key: 'neon', type: 'element', name: 'Neon' },
    ],
  });
  iron = (await store.getEntityByKey('iron'))!.id;
  neon = (await store.getEntityByKey('neon'))!.id;
});

afterAll(() => t.close());

const chunkTexts = async (resourceId: number) =>
  (await store.listChunks({ resourceIds: [resourceId] })).map((c) => c.text);
const linksOf = async (resourceId: number) =>
  (await store.resourcesForEntities([iron, neon]))
    .filter((l) => l.resource.id === resourceId)
    .map((l) => [l.entityId, l.confidence]);

describe('resource writes (mutation gate)', () => {
  it('creates a resource with defaults, a content hash and chunks', async () => {
    const { resource, outcome } = await store.upsertResource({ uri: 'doc:iron', text: 'Iron is a metal.' });
    expect(outcome).toBe('created');
    expect(resource).toMatchObject({
      uri: 'doc:iron',
      title: null,
      contentType: 'text/plain',
      text: 'Iron is a metal.',
      contentHash: contentHash('Iron is a metal.'),
    });
    expect(contentHash('Iron is a metal.')).toMatch(/^[0-9a-f]{64}$/);
    expect(await chunkTexts(resource.id)).toEqual(['Iron is a metal.']);
  });

  it('reports an identical upsert as unchanged and keeps its chunks', async () => {
    const first = await store.upsertResource({ uri: 'doc:same', title: 'Same', text: 'Neon glows.' });
    const chunks = await store.listChunks({ resourceIds: [first.resource.id] });
    const again = await store.upsertResource({ uri: 'doc:same', title: 'Same', text: 'Neon glows.' });
    expect(again).toEqual({ resource: first.resource, outcome: 'unchanged' });
    expect(await store.listChunks({ resourceIds: [first.resource.id] })).toEqual(chunks);
  });

  it('rebuilds chunks when the text changes, and only then', async () => {
    const { resource } = await store.upsertResource({ uri: 'doc:changing', text: 'Old text.' });
    const [oldChunk] = await store.listChunks({ resourceIds: [resource.id] });
    const retitled = await store.upsertResource({
      uri: 'doc:changing',
      title: 'New title',
      text: 'Old text.',
    });
    expect(retitled.outcome).toBe('updated');
    expect(await store.listChunks({ resourceIds: [resource.id] })).toEqual([oldChunk]);
    const rewritten = await store.upsertResource({
      uri: 'doc:changing',
      type: 'text/markdown',
      text: 'New text.',
    });
    expect(rewritten.outcome).toBe('updated');
    expect(rewritten.resource).toMatchObject({ contentType: 'text/markdown', title: null });
    expect(await chunkTexts(resource.id)).toEqual(['New text.']);
    // A resource known only by its uri has no text, hash or chunks.
    const bare = await store.upsertResource({ uri: 'doc:changing' });
    expect(bare.resource).toMatchObject({ text: null, contentHash: null });
    expect(await chunkTexts(resource.id)).toEqual([]);
  });

  it('replaces entity links when given, counting a new link set as an update', async () => {
    const { resource } = await store.upsertResource({
      uri: 'doc:links',
      text: 'Iron and neon.',
      entities: [{ key: 'neon', confidence: 0.5 }, { key: 'iron' }],
    });
    expect(await linksOf(resource.id)).toEqual([
      [iron, 1],
      [neon, 0.5],
    ]);
    const same = await store.upsertResource({
      uri: 'doc:links',
      text: 'Iron and neon.',
      entities: [{ key: 'neon', confidence: 0.5 }, { key: 'iron' }],
    });
    expect(same.outcome).toBe('unchanged');
    const reweighted = await store.upsertResource({
      uri: 'doc:links',
      text: 'Iron and neon.',
      entities: [{ key: 'iron' }, { key: 'neon', confidence: 0.7 }],
    });
    expect(reweighted.outcome).toBe('updated');
    expect(await linksOf(resource.id)).toEqual([
      [iron, 1],
      [neon, expect.closeTo(0.7, 5)],
    ]);
    const fewer = await store.upsertResource({
      uri: 'doc:links',
      text: 'Iron and neon.',
      entities: [{ key: 'iron' }],
    });
    expect(fewer.outcome).toBe('updated');
    expect(await linksOf(resource.id)).toEqual([[iron, 1]]);
    // Without `entities` the links are left as they are; with an empty list they are removed.
    expect((await store.upsertResource({ uri: 'doc:links', text: 'Iron and neon.' })).outcome).toBe(
      'unchanged',
    );
    expect(await linksOf(resource.id)).toEqual([[iron, 1]]);
    expect(
      (await store.upsertResource({ uri: 'doc:links', text: 'Iron and neon.', entities: [] })).outcome,
    ).toBe('updated');
    expect(await linksOf(resource.id)).toEqual([]);
    // No links before and none asked for: nothing changed.
    expect(
      (await store.upsertResource({ uri: 'doc:links', text: 'Iron and neon.', entities: [] })).outcome,
    ).toBe('unchanged');
  });

  it('counts a link moved to another entity with the same confidence as an update', async () => {
    const { resource } = await store.upsertResource({ uri: 'doc:moved', entities: [{ key: 'iron' }] });
    const moved = await store.upsertResource({ uri: 'doc:moved', entities: [{ key: 'neon' }] });
    expect(moved.outcome).toBe('updated');
    expect(await linksOf(resource.id)).toEqual([[neon, 1]]);
  });

  it('imports many resources in one batch, each with its own outcome', async () => {
    await store.upsertResource({ uri: 'doc:batch-old', text: 'Kept.' });
    const report = await store.importBundle({
      resources: [
        { uri: 'doc:batch-old', text: 'Kept.' },
        { uri: 'doc:batch-new', text: 'Fresh.', entities: [{ key: 'neon', confidence: 0.25 }] },
      ],
    });
    expect(report.resources).toMatchObject({ created: 1, unchanged: 1 });
    const [fresh] = (await store.resourcesForEntities([neon])).filter(
      (l) => l.resource.uri === 'doc:batch-new',
    );
    expect(fresh).toMatchObject({ entityId: neon, confidence: 0.25 });
    expect(await chunkTexts(fresh!.resource.id)).toEqual(['Fresh.']);
  });
});
