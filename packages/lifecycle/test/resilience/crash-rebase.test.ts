/**
 * Crash during a re-base: `kill -9` of a process running the re-base (the models package's
 * `rebase`, the function behind `rustygpt rebase`, printing its progress) in the middle of
 * embedding → nothing switched, committed batches kept; then the real `rustygpt rebase` resumes
 * and finishes: one vector per entity under the new model, now active — what an uninterrupted
 * re-base leaves — and the vectors embedded before the crash were kept, not redone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importBundle, openDatabase } from '@rustygpt/store';
import { afterAll, describe, expect, it } from 'vitest';
import { aLargeBundle } from './support/bundles';
import { runCli, startScript, stopAll } from './support/processes';

const MODEL = 'builtin:glove-100d';
const N = 4000;
const dir = mkdtempSync('/tmp/lifecycle-rebase-');
const dataDir = join(dir, 'data');
const env = { RUSTYGPT_DATA_DIR: dataDir };

afterAll(async () => {
  await stopAll('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function vectors(): Promise<{ n: number; oldest: number; active: string | null; missing: number }> {
  const db = await openDatabase({ dataDir });
  try {
    const [r] = await db.query<{ n: number; oldest: Date | null; active: string | null; missing: number }>(
      `SELECT (SELECT count(*)::int FROM entity_embeddings ee JOIN embedding_models m ON m.id = ee.model_id WHERE m.name = $1) AS n,
              (SELECT min(ee.updated_at) FROM entity_embeddings ee JOIN embedding_models m ON m.id = ee.model_id WHERE m.name = $1) AS oldest,
              (SELECT name FROM embedding_models WHERE state = 'active') AS active,
              (SELECT count(*)::int FROM entities e WHERE NOT EXISTS (
                 SELECT 1 FROM entity_embeddings ee JOIN embedding_models m ON m.id = ee.model_id WHERE ee.entity_id = e.id AND m.name = $1)) AS missing`,
      [MODEL],
    );
    return {
      n: Number(r!.n),
      oldest: r!.oldest ? new Date(r!.oldest).getTime() : Number.NaN,
      active: r!.active,
      missing: Number(r!.missing),
    };
  } finally {
    await db.close();
  }
}

describe('kill -9 during a re-base', () => {
  it('switches nothing, keeps committed batches, and `rustygpt rebase` resumes to the end', async () => {
    const seed = await openDatabase({ dataDir });
    await importBundle(seed, 1, aLargeBundle(N, 7));
    await seed.close();

    const victim = startScript(resolve(import.meta.dirname, 'support/rebase-child.ts'), [MODEL], env);
    await victim.waitFor(/index embed ([1-9]\d{2,3})\/4000/, 240_000);
    victim.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');

    const crashed = await vectors();
    expect(crashed.active).toBeNull(); // not switched: queries keep the old state
    expect(crashed.n).toBeGreaterThan(0);
    expect(crashed.n).toBeLessThan(N);

    // Synthetic names (`Entity 123`) are not what GloVe separates: verification quality is not under test here.
    const restart = await runCli(['rebase', '--model', MODEL, '--sample', '50', '--min-recall', '0'], env);
    expect(restart.code).toBe(0);
    expect(restart.output).toMatch(/switched: builtin:glove-100d is active/);
    const done = await vectors();
    expect(done).toMatchObject({ n: N, active: MODEL, missing: 0 });
    expect(done.oldest).toBe(crashed.oldest); // the first committed batch was kept, not redone
  });
});
