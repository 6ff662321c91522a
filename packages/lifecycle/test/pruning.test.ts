import { UnavailableError } from '@rustygpt/core';
import type { KnowledgeStore } from '@rustygpt/store';
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  Lifecycle,
  planPrune,
  pruneJob,
  runResumable,
  DEFAULT_PRUNING_POLICY,
  type ResumableJob,
} from '../src/index';
import { aGraph, freshStore, useTestWorld, withActiveModel } from './support/world';

const world = useTestWorld();

const policy = {
  ...DEFAULT_PRUNING_POLICY,
  inactiveAfterMs: 30 * DAY_MS,
  archiveAfterMs: 90 * DAY_MS,
  keepUsage: 10,
};

async function states(ids: Map<string, number>): Promise<Record<string, string>> {
  const entities = await world.store.getEntities([...ids.values()]);
  return Object.fromEntries(entities.map((e) => [e.key, e.state]));
}

async function agingWorld(model: string) {
  return aGraph()
    .withEntity('fresh')
    .withEntity('stale')
    .withEntity('old')
    .withEntity('popular-old')
    .withEntity('neighbour')
    .withEntity('weak-neighbour')
    .withRelationship('old', 'neighbour', 'part_of', 0.9)
    .withRelationship('old', 'weak-neighbour', 'mentions', 0.1)
    .usedDaysAgo('fresh', 1)
    .usedDaysAgo('stale', 40)
    .usedDaysAgo('old', 100)
    .usedDaysAgo('popular-old', 100, 20)
    .usedDaysAgo('neighbour', 200)
    .usedDaysAgo('weak-neighbour', 200)
    .withVector('fresh', [1, 0, 0, 0])
    .withVector('stale', [0, 1, 0, 0])
    .withVector('old', [0, 0, 1, 0])
    .withVector('popular-old', [0, 0, 0, 1])
    .withVector('neighbour', [0, 0, 1, 0.2])
    .withVector('weak-neighbour', [0, 0.2, 1, 0])
    .build(world.store, model);
}

describe('pruning tiers', () => {
  it('moves entities by reference tracking; archived ones leave the vector index; a dry run writes nothing', async () => {
    const model = `prune-${world.store.workspaceId}`;
    await withActiveModel(world.store, model);
    const ids = await agingWorld(model);
    const lifecycle = new Lifecycle(world.store, { policy });
    const dry = await lifecycle.prune({ dryRun: true });
    expect(dry).toMatchObject({
      ran: true,
      dryRun: true,
      plan: { scanned: 6, inactive: 2, archived: 3, reactivated: 0 },
    });
    expect(Object.values(await states(ids)).every((s) => s === 'active')).toBe(true);

    const run = await lifecycle.prune();
    expect(run).toMatchObject({
      ran: true,
      dryRun: false,
      report: { counts: { inactive: 2, archived: 3, vectorsArchived: 3 } },
    });
    expect(await states(ids)).toEqual({
      fresh: 'active',
      stale: 'inactive',
      old: 'archived',
      'popular-old': 'inactive',
      neighbour: 'archived',
      'weak-neighbour': 'archived',
    });
    const all = await world.store.searchEntitiesByVector(new Float32Array([0, 0, 1, 0]), {
      modelId: model,
      k: 10,
      states: ['active', 'inactive', 'archived'],
    });
    expect(all.map((h) => h.item.key).sort()).toEqual(['fresh', 'popular-old', 'stale']);
    const archived = await world.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM archived_embeddings a JOIN entities e ON e.id = a.entity_id WHERE e.workspace_id = $1',
      [world.store.workspaceId],
    );
    expect(archived[0]?.n).toBe(3);
  });

  it('reactivates an archived entity in the same call: state, vector back in the index, strong cluster', async () => {
    const model = `react-${world.store.workspaceId}`;
    await withActiveModel(world.store, model);
    const ids = await agingWorld(model);
    const lifecycle = new Lifecycle(world.store, { policy });
    await lifecycle.prune();
    const report = await lifecycle.reactivate([ids.get('old')!]);
    expect(report).toMatchObject({
      reactivated: [ids.get('old')],
      cluster: [ids.get('neighbour')],
      reembedded: [],
      queued: [],
    });
    expect(report.restoredVectors.sort()).toEqual([ids.get('old'), ids.get('neighbour')].sort());
    expect(await states(ids)).toMatchObject({
      old: 'active',
      neighbour: 'inactive',
      'weak-neighbour': 'archived',
    });
    const [hit] = await world.store.searchEntitiesByVector(new Float32Array([0, 0, 1, 0]), {
      modelId: model,
      k: 1,
    });
    expect(hit?.item.key).toBe('old');
    expect(hit?.score).toBeGreaterThan(0.999);
    expect((await world.store.usageOf([ids.get('old')!]))[0]?.lastAccessed!.getTime()).toBeGreaterThan(
      Date.now() - 60_000,
    );
  });

  it('recomputes the vector when the model changed while archived (or queues it without a re-embedder)', async () => {
    const model = `old-model-${world.store.workspaceId}`;
    await withActiveModel(world.store, model);
    const ids = await agingWorld(model);
    await new Lifecycle(world.store, { policy }).prune();
    const next = `new-model-${world.store.workspaceId}`;
    await withActiveModel(world.store, next);
    const calls: number[][] = [];
    const lifecycle = new Lifecycle(world.store, {
      policy,
      reembed: async (entityIds) => {
        calls.push(entityIds);
        await world.store.upsertEntityEmbeddings(
          next,
          entityIds.map((id) => ({ id, vector: [0, 0, 1, 0], contentHash: 'new' })),
        );
      },
    });
    const report = await lifecycle.reactivate([ids.get('old')!]);
    expect(report.restoredVectors).toEqual([]);
    expect(calls).toEqual([[ids.get('old'), ids.get('neighbour')]]);
    const hits = await world.store.searchEntitiesByVector(new Float32Array([0, 0, 1, 0]), {
      modelId: next,
      k: 5,
    });
    expect(hits.map((h) => h.item.key)).toContain('old');

    const queued = await new Lifecycle(world.store, { policy }).reactivate([ids.get('weak-neighbour')!]);
    expect(queued.queued).toEqual([ids.get('weak-neighbour')]);
    const jobs = await world.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM embedding_jobs WHERE target_id = $1 AND state = 'queued'",
      [ids.get('weak-neighbour')],
    );
    expect(jobs[0]?.n).toBe(1);
  });

  it('a recent reference brings an archived entity back during the next prune', async () => {
    const ids = await aGraph().withEntity('x').usedDaysAgo('x', 200).build(world.store);
    const lifecycle = new Lifecycle(world.store, { policy });
    await lifecycle.prune();
    expect((await world.store.getEntity(ids.get('x')!))?.state).toBe('archived');
    await world.store.trackReferences([ids.get('x')!]);
    const run = await lifecycle.prune();
    expect(run).toMatchObject({ report: { counts: { reactivated: 1 } } });
    expect((await world.store.getEntity(ids.get('x')!))?.state).toBe('active');
  });

  it('waits for idle under query load unless forced', async () => {
    await aGraph().withEntity('x').usedDaysAgo('x', 200).build(world.store);
    const lifecycle = new Lifecycle(world.store, { policy: { ...policy, idleQueriesPerMinute: 10 } });
    lifecycle.recordQuery(500);
    expect(await lifecycle.prune()).toMatchObject({ ran: false });
    expect(await world.store.countEntities({ states: ['archived'] })).toBe(0);
    expect(await lifecycle.prune({ force: true })).toMatchObject({ ran: true });
    expect(await world.store.countEntities({ states: ['archived'] })).toBe(1);
  });
});

describe('resumable jobs', () => {
  it('resumes after a crash from the last committed batch and ends where an uninterrupted run ends', async () => {
    const build = (s: KnowledgeStore) => {
      const g = aGraph();
      for (let i = 0; i < 1200; i += 1) g.withEntity(`e${i}`);
      return g.build(s);
    };
    await build(world.store);
    await world.db.query(
      `UPDATE entities SET created_at = now() - make_interval(days => ((id % 3) * 50)::int) WHERE workspace_id = $1`,
      [world.store.workspaceId],
    );
    const small = { ...policy, batchSize: 250 };
    let batches = 0;
    const crashing = (): ResumableJob => {
      const job = pruneJob(world.store, small);
      return {
        ...job,
        batch: async (tx, cursor) => {
          batches += 1;
          if (batches === 3) throw new UnavailableError('simulated crash');
          return job.batch(tx, cursor);
        },
      };
    };
    await expect(runResumable(world.db, crashing())).rejects.toThrow('simulated crash');
    const progress: number[] = [];
    const resumed = await runResumable(world.db, crashing(), {
      onProgress: (p) => progress.push(p.processed),
    });
    expect(resumed.resumed).toBe(true);
    expect(batches).toBe(6); // 2 committed + 1 crashed + 3 to finish: nothing repeated
    expect(resumed.processed).toBe(1200);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const reference = await freshStore(world.db);
    await build(reference);
    await world.db.query(
      `UPDATE entities SET created_at = now() - make_interval(days => ((id % 3) * 50)::int) WHERE workspace_id = $1`,
      [reference.workspaceId],
    );
    const clean = await runResumable(world.db, pruneJob(reference, small));
    expect(resumed.counts).toEqual(clean.counts);
    for (const s of ['active', 'inactive', 'archived'] as const) {
      expect(await world.store.countEntities({ states: [s] })).toBe(
        await reference.countEntities({ states: [s] }),
      );
    }
    const job = await world.db.query<{ state: string; progress: number }>(
      'SELECT state, progress FROM jobs WHERE id = $1',
      [resumed.jobId],
    );
    expect(job[0]).toEqual({ state: 'succeeded', progress: 1 });
  });

  it('plans without writing (dry run)', async () => {
    await aGraph().withEntity('a').usedDaysAgo('a', 100).build(world.store);
    expect(await planPrune(world.store, policy)).toEqual({
      scanned: 1,
      inactive: 0,
      archived: 1,
      reactivated: 0,
    });
    expect(await world.store.countEntities({ states: ['active'] })).toBe(1);
  });
});
