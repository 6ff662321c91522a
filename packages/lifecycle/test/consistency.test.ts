import { describe, expect, it } from 'vitest';
import { Lifecycle, lifecycleJobDefinitions } from '../src/index';
import { aGraph, useTestWorld, withActiveModel } from './support/world';

const world = useTestWorld();

describe('consistency check', () => {
  it('finds injected violations, repairs them with fix, and then finds none', async () => {
    const model = `cons-${world.store.workspaceId}`;
    await withActiveModel(world.store, model);
    const ids = await aGraph()
      .withEntity('a', { name: 'Alpha' })
      .withEntity('b', { name: 'Beta' })
      .withRelationship('a', 'b', 'r', 0.5)
      .withVector('a', [1, 0, 0, 0])
      .build(world.store, model);
    const a = ids.get('a')!;
    const b = ids.get('b')!;
    await world.db.query(`UPDATE entities SET state = 'archived' WHERE id = $1`, [a]); // archived but still indexed
    await world.db.query('DELETE FROM entity_aliases WHERE entity_id = $1 AND is_name', [b]); // name not matchable
    await world.db.query('UPDATE relationships SET weight = -2 WHERE entity_id_1 = $1', [a]);
    await world.db.query(
      `INSERT INTO relationships (workspace_id, entity_id_1, entity_id_2, type, path) VALUES ($1, $2, $2, 'loop', 'loop')`,
      [world.store.workspaceId, b],
    );
    const lifecycle = new Lifecycle(world.store);
    const check = await lifecycle.consistency();
    expect(check.counts).toMatchObject({
      archived_with_vectors: 1,
      missing_name_alias: 1,
      negative_weights: 1,
      self_loops: 1,
      missing_vectors: 1, // b has no vector under the active model
      vector_dims_mismatch: 0,
    });
    expect(await world.store.findByAlias('Beta')).toEqual([]);
    const fixed = await lifecycle.consistency({ fix: true });
    expect(fixed.counts).toMatchObject({
      archived_with_vectors_fixed: 1,
      missing_name_alias_fixed: 1,
      self_loops_fixed: 1,
    });
    const again = await lifecycle.consistency();
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
    expect((await world.store.findByAlias('Beta')).map((e) => e.id)).toEqual([b]);
  });
});

describe('lifecycleJobDefinitions', () => {
  it('runs prune and consistency in the shape of the API job runner, reporting progress', async () => {
    await aGraph().withEntity('x').usedDaysAgo('x', 400).build(world.store);
    const lifecycle = new Lifecycle(world.store);
    const defs = lifecycleJobDefinitions(async () => [lifecycle]);
    expect(defs.map((d) => d.kind)).toEqual(['prune', 'archive', 'consistency']);
    const progress: (number | null)[] = [];
    const ctx = {
      signal: new AbortController().signal,
      progress: (_p: number, total: number | null) => progress.push(total),
    };
    const out = await defs[0]!.run(ctx);
    expect(out?.message).toContain('archived 1');
    expect(progress.length).toBeGreaterThan(0);
    expect((await defs[2]!.run(ctx))?.message).toContain('archived_with_vectors 0');
  });
});

describe('Lifecycle.ensureActive', () => {
  it('reactivates referenced archived entities and then answers from its byte-bounded cache', async () => {
    const ids = await aGraph().withEntity('x').withEntity('y').usedDaysAgo('x', 400).build(world.store);
    const lifecycle = new Lifecycle(world.store, { stateCacheBytes: 64 * 100 });
    await lifecycle.prune();
    const first = await lifecycle.ensureActive([ids.get('x')!, ids.get('y')!]);
    expect(first?.reactivated).toEqual([ids.get('x')]);
    expect((await world.store.getEntity(ids.get('x')!))?.state).toBe('active');
    expect(await lifecycle.ensureActive([ids.get('x')!, ids.get('y')!])).toBeNull();
    expect(lifecycle.cacheStats()).toMatchObject({ hits: 2, entries: 2, bytes: 128 });
  });
});
