/**
 * Store benchmark (embedded PGlite): bulk import, vector insert, HNSW build, top-10 latency and
 * recall@10 against an exact scan done in the same run, and 3-hop traversal latency.
 *
 *   npm run bench -w @rustygpt/store -- --n 100000
 *
 * Vectors are clustered (unit-norm centroids plus Gaussian noise) rather than uniform, because
 * recall on uniform random high-dimensional vectors is unrealistically hard and meaningless.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { KnowledgeBundle } from '@rustygpt/core';
import { KnowledgeStore, openDatabase } from '@rustygpt/store';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    dims: { type: 'string', default: '768' },
    queries: { type: 'string', default: '200' },
    clusters: { type: 'string', default: '200' },
    'ef-search': { type: 'string' },
    'skip-sql-exact': { type: 'boolean', default: false },
    'skip-recall': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
    // Re-measure queries on a data dir kept from an earlier run with the same --n (skips the load).
    reuse: { type: 'boolean', default: false },
  },
});
const N = Number(args.n);
const DIMS = Number(args.dims);
const QUERIES = Number(args.queries);
const CLUSTERS = Number(args.clusters);
const EF = args['ef-search'] === undefined ? undefined : Number(args['ef-search']);

let seed = 42;
function rand(): number {
  seed = (seed * 1_664_525 + 1_013_904_223) >>> 0;
  return seed / 4_294_967_296;
}
function gauss(): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
function normalise(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s) || 1;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / n;
  return v;
}
const centroids = Array.from({ length: CLUSTERS }, () =>
  normalise(Float32Array.from({ length: DIMS }, gauss)),
);
function clustered(noise = 0.6): Float32Array {
  const c = centroids[Math.floor(rand() * CLUSTERS)] as Float32Array;
  const v = new Float32Array(DIMS);
  const scale = noise / Math.sqrt(DIMS);
  for (let i = 0; i < DIMS; i++) v[i] = (c[i] as number) + gauss() * scale;
  return normalise(v);
}
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
const fmt = (x: number, d = 1) => x.toLocaleString('en-US', { maximumFractionDigits: d });
const log = (msg: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

const dir = args['data-dir'] ?? join(mkdtempSync(join(tmpdir(), 'store-bench-')), 'data');
log(`N=${N} dims=${DIMS} clusters=${CLUSTERS} queries=${QUERIES} data=${dir}`);
const db = await openDatabase({ dataDir: dir });
const store = new KnowledgeStore(db);
const results: Record<string, number | string> = {
  n: N,
  dims: DIMS,
  clusters: CLUSTERS,
  efSearch: EF ?? 'default',
};

// 1. Bulk import (entities with aliases and attributes, ~2 relationships each), no embeddings.
const bundle: KnowledgeBundle = { entities: [], relationships: [] };
for (let i = 0; i < N; i++) {
  bundle.entities!.push({
    key: `e:${i}`,
    type: ['Person', 'Place', 'Thing', 'Event'][i % 4] as string,
    name: `Entity ${i}`,
    aliases: [`E${i}`],
    attributes: { rank: i, group: `g${i % 50}` },
  });
}
const seen = new Set<string>();
while (bundle.relationships!.length < 2 * N) {
  const a = Math.floor(rand() * N);
  const b = Math.floor(rand() * N);
  const type = rand() < 0.5 ? 'knows' : 'near';
  const id = `${a}/${b}/${type}`;
  if (a === b || seen.has(id)) continue;
  seen.add(id);
  bundle.relationships!.push({
    from: `e:${a}`,
    to: `e:${b}`,
    type,
    weight: Math.round((0.5 + rand() / 2) * 100) / 100,
    path: `bench.${type}`,
  });
}
const reuse =
  args.reuse &&
  Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM entity_embeddings'))[0]?.n ?? 0) ===
    N;
if (reuse) log('reusing the loaded data dir: skipping import, vector insert and HNSW build');
let t = performance.now();
let entitiesDone = 0;
if (!reuse) {
  const summary = await store.importBundle(bundle, {
    onProgress: (p) => {
      if (p.phase === 'entities' && p.done === p.total) entitiesDone = performance.now();
      if (p.phase === 'entities' && p.done % 20_000 < 5000) log(`entities ${p.done}/${p.total}`);
    },
  });
  const secs = (performance.now() - t) / 1000;
  const entitySecs = (entitiesDone - t) / 1000;
  results.importSeconds = Number(secs.toFixed(1));
  results.importEntitiesPerSec = Math.round(N / entitySecs);
  results.importBundleEntitiesPerSec = Math.round(N / secs);
  results.importRelationships = summary.relationships.created;
  results.importRelationshipsPerSec = Math.round(summary.relationships.created / (secs - entitySecs));
  log(
    `import: entities ${fmt(N / entitySecs, 0)}/s (aliases, attributes, versions), relationships ${fmt(summary.relationships.created / (secs - entitySecs), 0)}/s; whole bundle ${fmt(secs)} s = ${fmt(N / secs, 0)} entities/s`,
  );
  t = performance.now();
  const again = await store.importBundle(bundle);
  results.reimportUnchangedSeconds = Number(((performance.now() - t) / 1000).toFixed(1));
  log(
    `re-import (all unchanged): ${results.reimportUnchangedSeconds} s, ${again.entities.unchanged} entities unchanged`,
  );
}

// 2. Vector insert (binary COPY path).
const model = await store.registerModel({ name: `bench-${DIMS}`, dims: DIMS, fileHash: 'random' });
const ids = (
  await db.query<{ id: number; key: string }>(
    'SELECT id, key FROM entities WHERE workspace_id = 1 ORDER BY id',
  )
).map((r) => Number(r.id));
const vectors: Float32Array[] = ids.map(() => clustered());
if (!reuse) {
  t = performance.now();
  for (let i = 0; i < ids.length; i += 10_000) {
    await store.upsertEntityEmbeddings(
      model.id,
      ids
        .slice(i, i + 10_000)
        .map((id, j) => ({ id, vector: vectors[i + j] as Float32Array, contentHash: 'h' })),
    );
  }
  let secs = (performance.now() - t) / 1000;
  results.vectorInsertPerSec = Math.round(ids.length / secs);
  log(`vector insert: ${fmt(ids.length / secs, 0)} vectors/s (${fmt(secs)} s)`);

  // 3. HNSW build.
  t = performance.now();
  await store.models.ensureIndex(model.id, DIMS, { maintenanceWorkMem: '512MB' });
  secs = (performance.now() - t) / 1000;
  results.hnswBuildSeconds = Number(secs.toFixed(1));
  log(`HNSW build: ${fmt(secs)} s`);
}

results.sharedBuffers = process.env.RUSTYGPT_PG_SHARED_BUFFERS ?? '128MB (default)';
results.loadAverage = (await import('node:os')).loadavg()[0]!.toFixed(1);
// 4. Top-10 latency (store.searchEntitiesByVector: index scan + entity load) and recall@10 vs exact.
const queries = Array.from({ length: QUERIES }, () => clustered());
// Warm-up: one untimed pass over every query, so both timed passes below read a warm buffer cache.
for (const q of queries) await store.searchEntitiesByVector(q, { modelId: model.id, k: 10, efSearch: EF });
const latencies: number[] = [];
const found: number[][] = [];
for (const q of queries) {
  const t0 = performance.now();
  const hits = await store.searchEntitiesByVector(q, { modelId: model.id, k: 10, efSearch: EF });
  latencies.push(performance.now() - t0);
  found.push(hits.map((h) => h.item.id));
}
results.top10P50Ms = Number(percentile(latencies, 50).toFixed(2));
results.top10P95Ms = Number(percentile(latencies, 95).toFixed(2));
log(`top-10: p50 ${fmt(percentile(latencies, 50), 2)} ms, p95 ${fmt(percentile(latencies, 95), 2)} ms`);
// The index scan alone (ids only, same cast and ef_search), to separate index time from loading rows.
const raw: number[] = [];
for (const q of queries) {
  const literal = `[${Array.from(q).join(',')}]`;
  const t0 = performance.now();
  await db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL hnsw.ef_search = ${EF ?? 64}`);
    await tx.query(
      `SELECT entity_id FROM entity_embeddings WHERE model_id = $2
        ORDER BY embedding::vector(${DIMS}) <=> $1::vector(${DIMS}) LIMIT 10`,
      [literal, model.id],
    );
  });
  raw.push(performance.now() - t0);
}
results.indexOnlyP50Ms = Number(percentile(raw, 50).toFixed(2));
results.indexOnlyP95Ms = Number(percentile(raw, 95).toFixed(2));
log(`index scan only: p50 ${fmt(percentile(raw, 50), 2)} ms, p95 ${fmt(percentile(raw, 95), 2)} ms`);
let hit = 0;
let exactMs = 0;
for (const [qi, q] of args['skip-recall'] ? [] : queries.entries()) {
  const t0 = performance.now();
  const best: { id: number; s: number }[] = [];
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i] as Float32Array;
    let s = 0;
    for (let d = 0; d < DIMS; d++) s += (v[d] as number) * (q[d] as number);
    if (best.length < 10 || s > (best[best.length - 1] as { s: number }).s) {
      best.push({ id: ids[i] as number, s });
      best.sort((a, b) => b.s - a.s);
      if (best.length > 10) best.pop();
    }
  }
  exactMs += performance.now() - t0;
  const truth = new Set(best.map((b) => b.id));
  hit += (found[qi] as number[]).filter((id) => truth.has(id)).length;
}
if (!args['skip-recall']) {
  results.recallAt10 = Number((hit / (10 * QUERIES)).toFixed(4));
  results.exactScanMsPerQueryJs = Number((exactMs / QUERIES).toFixed(1));
  log(`recall@10: ${results.recallAt10} (exact scan in JS, ${fmt(exactMs / QUERIES)} ms/query)`);
}
// Exact scan in SQL for comparison (no index).
const sqlExact: number[] = [];
for (const q of args['skip-sql-exact'] ? [] : queries.slice(0, 5)) {
  const t0 = performance.now();
  await db.transaction(async (tx) => {
    await tx.exec('SET LOCAL enable_indexscan = off');
    await tx.query(
      `SELECT entity_id FROM entity_embeddings WHERE model_id = $1 ORDER BY embedding <=> $2::vector LIMIT 10`,
      [model.id, `[${Array.from(q).join(',')}]`],
    );
  });
  sqlExact.push(performance.now() - t0);
}
if (sqlExact.length > 0) {
  results.exactScanSqlP50Ms = Number(percentile(sqlExact, 50).toFixed(1));
  log(`exact scan in SQL: p50 ${fmt(percentile(sqlExact, 50))} ms`);
}

// 5. 3-hop traversal.
const hops: number[] = [];
const reached: number[] = [];
for (let i = 0; i < 100; i++) {
  const start = ids[Math.floor(rand() * ids.length)] as number;
  const t0 = performance.now();
  const r = await store.traverse([start], { depth: 3, direction: 'out', limit: 100 });
  hops.push(performance.now() - t0);
  reached.push(r.length);
}
results.traverse3P50Ms = Number(percentile(hops, 50).toFixed(2));
results.traverse3P95Ms = Number(percentile(hops, 95).toFixed(2));
results.traverse3MedianReached = percentile(reached, 50);
log(
  `3-hop traversal: p50 ${fmt(percentile(hops, 50), 2)} ms, p95 ${fmt(percentile(hops, 95), 2)} ms (median ${percentile(reached, 50)} entities reached)`,
);

await db.close();
if (!args.keep && !args['data-dir']) rmSync(join(dir, '..'), { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
