/**
 * Crash resilience: `kill -9` of the real CLI in the middle of a 50k-entity bundle import leaves
 * no partial entity (the import is one transaction), and a restart ends with exactly the rows an
 * uninterrupted import writes (the reference import runs in memory beside the restart).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IN_MEMORY, importBundle, openDatabase, type Database } from '@rustygpt/store';
import { afterAll, describe, expect, it } from 'vitest';
import { aLargeBundle } from './support/bundles';
import { runCli, startCli, stopAll } from './support/processes';

mkdirSync('/tmp', { recursive: true });
const dir = mkdtempSync('/tmp/lifecycle-crash-');
afterAll(async () => {
  await stopAll('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Counts {
  entities: number;
  relationships: number;
  aliases: number;
  attributeLinks: number;
  versions: number;
}

async function countIn(db: Database): Promise<Counts> {
  const [r] = await db.query<Counts>(
    `SELECT (SELECT count(*)::int FROM entities) AS entities, (SELECT count(*)::int FROM relationships) AS relationships,
              (SELECT count(*)::int FROM entity_aliases) AS aliases, (SELECT count(*)::int FROM entity_attribute_link) AS "attributeLinks",
              (SELECT count(*)::int FROM entity_versions) AS versions`,
  );
  return r as Counts;
}

async function countRows(dataDir: string): Promise<Counts> {
  const db = await openDatabase({ dataDir });
  try {
    return await countIn(db);
  } finally {
    await db.close();
  }
}

describe('kill -9 during a 50k-entity import', () => {
  it('leaves nothing partial, and a restart ends equal to an uninterrupted run', async () => {
    const bundle = aLargeBundle(50_000);
    const file = join(dir, 'bundle.json');
    writeFileSync(file, JSON.stringify(bundle));
    const crashed = join(dir, 'crashed');

    const victim = startCli(['ingest', file], { RUSTYGPT_DATA_DIR: crashed });
    await victim.waitFor(/entities: [1-4]\d{4}\/50000/, 240_000);
    victim.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');

    // Nothing of the interrupted transaction is visible (and the stale data-dir lock is taken over).
    expect(await countRows(crashed)).toMatchObject({ entities: 0, relationships: 0, aliases: 0 });

    // The restart and an uninterrupted reference import (in memory, in this process) run side by side.
    const [restart, expected] = await Promise.all([
      runCli(['ingest', file], { RUSTYGPT_DATA_DIR: crashed }),
      (async () => {
        const db = await openDatabase({ dataDir: IN_MEMORY });
        try {
          await importBundle(db, 1, bundle);
          return await countIn(db);
        } finally {
          await db.close();
        }
      })(),
    ]);
    expect(restart.code).toBe(0);
    expect(restart.output).toMatch(
      /entities 50000 created, 0 updated, 0 unchanged; relationships 49998 created/,
    );
    const after = await countRows(crashed);
    expect(after).toEqual(expected);
    expect(after).toMatchObject({ entities: 50_000, relationships: bundle.relationships?.length });
  });
});
