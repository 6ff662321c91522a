/**
 * The lifecycle commands as an operator runs them over one embedded data directory: duplicate
 * review (`dedup scan|review|decide|rollback`), `prune` and `consistency`, with their exit codes.
 */
import { openDatabase } from '@rustygpt/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, useCliSandbox } from './support/cli';
import { aKnowledgeBase } from './support/knowledge-builder';

const sandbox = useCliSandbox('api-cli-lifecycle');
const PAIR = /^(\d+)\t0\.800\t(\w+) \[City\] #(\d+) {2}<-> {2}\2 \[City\] #(\d+)\tname:name$/;

/** A line of `dedup review`: the candidate, the shared name and the two entity ids. */
interface ReviewLine {
  candidate: string;
  name: string;
  first: string;
  second: string;
}

function reviewLines(out: string): ReviewLine[] {
  return out
    .trimEnd()
    .split('\n')
    .map((line) => {
      const [, candidate = '', name = '', first = '', second = ''] = PAIR.exec(line) ?? [];
      return { candidate, name, first, second };
    });
}

beforeAll(async () => {
  // Two pairs of same-named cities (a name alone sends a pair to review) and an unrelated country.
  const kb = aKnowledgeBase().withCountry('France', { capital: 'Paris' });
  for (const name of ['Springfield', 'Riverside']) {
    kb.withEntity({ key: `${name.toLowerCase()}-il`, type: 'City', name });
    kb.withEntity({ key: `${name.toLowerCase()}-ma`, type: 'City', name });
  }
  expect((await runCli(['ingest', sandbox.write('bundle.json', kb.build())])).code).toBe(0);
});

async function countNamed(name: string): Promise<number> {
  const r = await runCli(['entities', 'search', '--json', name]);
  return (JSON.parse(r.out) as unknown[]).length;
}

describe('rustygpt dedup', () => {
  it('queues same-named cities for review; a reviewer merges one pair, rolls it back, rejects the other', async () => {
    const scan = await runCli(['dedup', 'scan']);
    expect(scan).toMatchObject({
      code: 0,
      out: 'merged 0, queued for review 2, separate 2\n',
      err: 'scanned 6\n',
    });

    const pairs = reviewLines((await runCli(['dedup', 'review'])).out);
    expect(pairs.map((p) => p.name)).toEqual(['Springfield', 'Riverside']);
    const [springfield, riverside] = pairs as [ReviewLine, ReviewLine];

    const merged = await runCli(['dedup', 'decide', springfield.candidate, 'merge']);
    const mergeId = /\(merge (\d+);/.exec(merged.out)?.[1] ?? '';
    expect(merged.out).toBe(
      `merged #${springfield.second} into #${springfield.first} Springfield (merge ${mergeId}; undo with: rustygpt dedup rollback ${mergeId})\n`,
    );
    expect(await countNamed('Springfield')).toBe(1);

    expect((await runCli(['dedup', 'rollback', mergeId])).out).toBe(
      `restored #${springfield.second} Springfield\n`,
    );
    expect(await countNamed('Springfield')).toBe(2);

    expect((await runCli(['dedup', 'decide', riverside.candidate, 'reject'])).out).toBe(
      'rejected: the pair stays apart\n',
    );
    expect((await runCli(['dedup', 'review'])).out).toBe('no candidates\n');
    const rejected = await runCli(['dedup', 'review', '--state', 'rejected', '--json']);
    expect(JSON.parse(rejected.out)).toContainEqual(
      expect.objectContaining({ id: Number(riverside.candidate), state: 'rejected' }),
    );
  });

  it('refuses bad arguments and unknown candidates with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['dedup', 'decide', '1', 'maybe'], 'decision: must be merge or reject'],
      [['dedup', 'scan', '--review', '0.95'], '--auto-merge: need 0 <= --review <= --auto-merge <= 1'],
      [['dedup', 'review', '--state', 'done'], '--state: must be pending, merged or rejected'],
      [['dedup', 'review', '--first', '0'], '--first: must be a positive integer'],
      [['dedup', 'decide', '999', 'merge'], 'dedup candidate 999 not found'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect({ args, code: r.code, err: r.err }).toEqual({
        args,
        code: 2,
        err: expect.stringContaining(`${message}\n`),
      });
    }
  });
});

describe('rustygpt prune', () => {
  it('counts on a dry run, then moves unused entities to inactive and archived', async () => {
    const dry = await runCli(['prune', '--dry-run']);
    expect(dry.out).toMatch(
      /^dry run: of 6 entities, 0 would become inactive, 0 archived, 0 reactivated \(pressure [\d.]+\)\n$/,
    );
    const eager = await runCli(['prune', '--dry-run', '--inactive-after', '1e-9']);
    expect(eager.out).toMatch(/^dry run: of 6 entities, 6 would become inactive, 0 archived/);
    expect((await runCli(['entities', 'show', 'country:france'])).out).toContain('state=active');

    const pruned = await runCli(['prune', '--inactive-after', '1e-9']);
    expect(pruned.code).toBe(0);
    expect(pruned.out).toMatch(
      /^scanned 6: inactive 6, archived 0, reactivated 0, vectorsArchived 0 \(pressure [\d.]+, job [0-9a-f-]{36}\)\n$/,
    );
    expect(pruned.err).toMatch(/^prune: 6\/6 inactive 6/m);
    expect((await runCli(['entities', 'show', 'country:france'])).out).toContain('state=inactive');

    const archived = await runCli(['prune', '--json', '--archive-only', '--archive-after', '1e-9']);
    expect(archived.err).toBe('');
    expect(JSON.parse(archived.out)).toMatchObject({
      ran: true,
      dryRun: false,
      report: { processed: 6, counts: { archived: 6, inactive: 0 } },
    });
    expect((await runCli(['entities', 'show', 'country:france'])).out).toContain('state=archived');
  });

  it('refuses a threshold that is not a positive number of days', async () => {
    expect(await runCli(['prune', '--archive-after', '0'])).toMatchObject({
      code: 2,
      err: 'error [BAD_USER_INPUT]: --archive-after: must be a positive number of days\n',
    });
  });
});

describe('rustygpt consistency', () => {
  it('exits 1 while a violation remains, repairs it with --fix, then reports none', async () => {
    expect((await runCli(['consistency'])).code).toBe(0);
    // Damage the data behind the CLI's back: France's name no longer matches as an alias.
    const db = await openDatabase({ dataDir: sandbox.dataDir });
    await db.query(
      `DELETE FROM entity_aliases WHERE is_name AND entity_id = (SELECT id FROM entities WHERE key = 'country:france')`,
    );
    await db.close();

    const check = await runCli(['consistency']);
    expect(check.code).toBe(1);
    expect(check.out).toContain('\nFAIL missing_name_alias: 1 - every entity has its name in entity_aliases');
    expect(check.out).toMatch(/^ok {3}archived_with_vectors: 0 - /);
    expect(check.err).toMatch(/^consistency: 8\/8 .*missing_name_alias 1/m);

    const fix = await runCli(['consistency', '--fix']);
    expect(fix.code).toBe(0);
    expect(fix.out).toContain('\nfixed missing_name_alias: 1 (fixed 1) - ');

    const after = await runCli(['consistency', '--json']);
    expect(after).toMatchObject({ code: 0, err: '' });
    const counts = JSON.parse(after.out) as Record<string, number>;
    expect(Object.keys(counts)).toContain('missing_name_alias');
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });
});
