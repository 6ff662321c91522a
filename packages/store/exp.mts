import { KnowledgeStore, openDatabase } from './src/index';
import type { Database } from './src/index';
const db0 = await openDatabase({ dataDir: 'memory://' });
const timings = new Map<string, number>();
const db: Database = {
  ...db0,
  transaction: (fn) => db0.transaction((tx) => fn({ ...tx, query: async (sql, p) => { const t = performance.now(); const r = await tx.query(sql, p); const k = sql.trim().slice(0, 50).replace(/\s+/g, ' '); timings.set(k, (timings.get(k) ?? 0) + performance.now() - t); return r as never; } })),
};
await db0.exec(process.env.DROP ?? 'select 1');
const store = new KnowledgeStore(db);
const N = 10000;
const entities = Array.from({ length: N }, (_, i) => ({ key: `e:${i}`, type: 'T', name: `Entity ${i}`, aliases: [`E${i}`], attributes: { rank: i, group: `g${i % 50}` } }));
const relationships = Array.from({ length: 2 * N }, (_, i) => ({ from: `e:${i % N}`, to: `e:${(i * 7 + 1) % N}`, type: i < N ? 'a' : 'b' }));
const t = performance.now();
await store.importBundle({ entities, relationships });
console.log('total', performance.now() - t);
console.log([...timings.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${v.toFixed(0).padStart(6)} ${k}`).join('\n'));
await db0.close();
