/**
 * The lifecycle CLI commands end to end on a data directory: dedup scan/review/decide/rollback,
 * prune --dry-run and consistency, as an operator would run them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importBundle, openDatabase } from '@rustygpt/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/processes';

const dir = mkdtempSync('/tmp/lifecycle-clitest-');
const env = { RUSTYGPT_DATA_DIR: join(dir, 'data') };

beforeAll(async () => {
  const db = await openDatabase({ dataDir: env.RUSTYGPT_DATA_DIR });
  await importBundle(db, 1, {
    entities: [
      { key: 'c:springfield-1', type: 'City', name: 'Springfield' },
      { key: 'c:springfield-2', type: 'City', name: 'Springfield' },
      { key: 'c:paris', type: 'City', name: 'Paris' },
      { key: 'p:paris', type: 'Person', name: 'Paris' },
    ],
  });
  await db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rustygpt dedup / prune / consistency', () => {
  it('queues, reviews, merges and rolls back a duplicate; homonyms stay apart', async () => {
    const scan = await runCli(['dedup', 'scan'], env);
    expect(scan.code).toBe(0);
    expect(scan.output).toMatch(/merged 0, queued for review 1/);
    const review = await runCli(['dedup', 'review', '--json'], env);
    const [candidate] = JSON.parse(review.output.trim().split('\n').at(-1)!) as {
      id: number;
      entity1: { name: string };
    }[];
    expect(candidate?.entity1.name).toBe('Springfield');
    const decided = await runCli(['dedup', 'decide', String(candidate!.id), 'merge'], env);
    expect(decided.code).toBe(0);
    const mergeId = /rustygpt dedup rollback (\d+)/.exec(decided.output)?.[1];
    expect(mergeId).toBeDefined();
    const rollback = await runCli(['dedup', 'rollback', mergeId!], env);
    expect(rollback.output).toMatch(/restored #\d+ Springfield/);
    const again = await runCli(['dedup', 'decide', String(candidate!.id), 'merge'], env);
    expect(again.code).toBe(2); // the candidate went with the merge; the rollback recorded the pair as rejected
  });

  it('prune --dry-run counts without writing; consistency passes', async () => {
    const dry = await runCli(['prune', '--dry-run', '--json'], env);
    expect(JSON.parse(dry.output.trim().split('\n').at(-1)!)).toMatchObject({
      ran: true,
      dryRun: true,
      plan: { scanned: 4 },
    });
    const check = await runCli(['consistency', '--json'], env);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.output.trim().split('\n').at(-1)!)).toMatchObject({
      archived_with_vectors: 0,
      missing_name_alias: 0,
    });
    const bad = await runCli(['dedup', 'decide', 'x', 'merge'], env);
    expect(bad.code).toBe(2);
  });
});
