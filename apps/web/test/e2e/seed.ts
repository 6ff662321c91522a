/**
 * Prepares the browser tests' database before the API starts (scripts/e2e.mjs runs it on the
 * empty data directory): the demo bundle, exactly as `rustygpt serve` would load it, plus the
 * near-duplicates of dedup-fixtures.ts, checked by the lifecycle's Deduplicator so they wait in
 * the review queue. The API has no mutation that queues a pair, hence this step.
 *
 *   node --import tsx apps/web/test/e2e/seed.ts <dataDir> <bundle.json>
 */
import { readFileSync } from 'node:fs';
import type { KnowledgeBundle } from '@rustygpt/core';
import { Deduplicator } from '@rustygpt/lifecycle';
import { KnowledgeStore, createRepositories, openDatabase } from '@rustygpt/store';
import { DUPLICATES } from './dedup-fixtures';

const [dataDir, bundlePath] = process.argv.slice(2);
if (!dataDir || !bundlePath) throw new Error('usage: seed.ts <dataDir> <bundle.json>');

const db = await openDatabase({ dataDir });
try {
  const workspace = await createRepositories(db).workspaces.ensure('default', 'Default');
  const store = new KnowledgeStore(db, workspace.id);
  await store.importBundle(JSON.parse(readFileSync(bundlePath, 'utf8')) as KnowledgeBundle);
  const ids: number[] = [];
  for (const d of Object.values(DUPLICATES)) {
    const { entity } = await store.upsertEntity({
      key: d.key,
      type: d.type,
      name: d.name,
      aliases: [...d.aliases],
      attributes: {},
    });
    ids.push(entity.id);
  }
  const report = await new Deduplicator(store).check(ids);
  if (report.queued.length !== ids.length || report.merged.length > 0)
    throw new Error(`expected ${ids.length} queued pairs, got ${JSON.stringify(report)}`);
  process.stdout.write(`seeded the demo and ${report.queued.length} pending dedup pairs\n`);
} finally {
  await db.close();
}
