/**
 * `rustygpt dedup scan|review|decide|rollback`: duplicate detection and its human review queue.
 * scan compares entities and auto-merges clear duplicates; review lists queued pairs; decide
 * merges or rejects one; rollback undoes a merge.
 */
import { ValidationError } from '@rustygpt/core';
import { Deduplicator, rollbackMerge, type DedupCandidate } from '@rustygpt/lifecycle';
import type { Command } from 'commander';
import { withStore } from '../context';

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new ValidationError('must be a positive integer', flag);
  return n;
}

function line(c: DedupCandidate): string {
  const name = (e: DedupCandidate['entity1'], id: number) =>
    e ? `${e.name} [${e.type}] #${e.id}` : `#${id} (gone)`;
  return `${c.id}\t${c.score.toFixed(3)}\t${name(c.entity1, c.entityId1)}  <->  ${name(c.entity2, c.entityId2)}\t${c.reason ?? ''}`;
}

export function register(program: Command): void {
  const dedup = program.command('dedup').description('find duplicate entities, review and merge them');
  dedup
    .command('scan')
    .description('compare entities with the rest: auto-merge clear duplicates, queue likely ones for review')
    .option('--workspace <slug>', 'workspace', 'default')
    .option('--auto-merge <score>', 'score at or above which pairs merge automatically', '0.9')
    .option('--review <score>', 'score at or above which pairs are queued for review', '0.6')
    .action(async (opts: { workspace: string; autoMerge: string; review: string }) => {
      const thresholds = { autoMerge: Number(opts.autoMerge), review: Number(opts.review) };
      if (!(thresholds.review >= 0 && thresholds.autoMerge <= 1 && thresholds.review <= thresholds.autoMerge))
        throw new ValidationError('need 0 <= --review <= --auto-merge <= 1', '--auto-merge');
      await withStore(opts.workspace, async (store) => {
        const dd = new Deduplicator(store, { thresholds });
        const totals = { merged: 0, queued: 0, separate: 0 };
        for (let offset = 0; ; offset += 500) {
          const page = await store.listEntities({ first: 500, offset: offset - totals.merged });
          if (page.length === 0) break;
          const r = await dd.check(page.map((e) => e.id));
          totals.merged += r.merged.length;
          totals.queued += r.queued.length;
          totals.separate += r.separate;
          process.stderr.write(`scanned ${offset + page.length}\n`);
          if (page.length < 500) break;
        }
        process.stdout.write(
          `merged ${totals.merged}, queued for review ${totals.queued}, separate ${totals.separate}\n`,
        );
      });
    });
  dedup
    .command('review')
    .description('list pairs waiting for review (id, score, the two entities, evidence)')
    .option('--workspace <slug>', 'workspace', 'default')
    .option('--first <n>', 'how many', '50')
    .option('--state <state>', 'pending | merged | rejected', 'pending')
    .option('--json', 'print as JSON', false)
    .action(async (opts: { workspace: string; first: string; state: string; json: boolean }) => {
      if (!['pending', 'merged', 'rejected'].includes(opts.state))
        throw new ValidationError('must be pending, merged or rejected', '--state');
      await withStore(opts.workspace, async (store) => {
        const list = await new Deduplicator(store).listCandidates({
          first: positiveInt(opts.first, '--first'),
          state: opts.state as 'pending' | 'merged' | 'rejected',
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(list)}\n`);
        else if (list.length === 0) process.stdout.write('no candidates\n');
        else process.stdout.write(`${list.map(line).join('\n')}\n`);
      });
    });
  dedup
    .command('decide')
    .description('merge or reject a queued pair')
    .argument('<candidate>', 'candidate id (from dedup review)')
    .argument('<decision>', 'merge | reject')
    .option('--keep <entityId>', 'entity to keep when merging (default the older one)')
    .option('--workspace <slug>', 'workspace', 'default')
    .action(async (candidate: string, decision: string, opts: { keep?: string; workspace: string }) => {
      if (decision !== 'merge' && decision !== 'reject')
        throw new ValidationError('must be merge or reject', 'decision');
      await withStore(opts.workspace, async (store) => {
        const r = await new Deduplicator(store).decide(positiveInt(candidate, 'candidate'), decision, {
          keepId: opts.keep === undefined ? undefined : positiveInt(opts.keep, '--keep'),
        });
        process.stdout.write(
          r.merge
            ? `merged #${r.merge.mergedIds.join(', #')} into #${r.merge.entity.id} ${r.merge.entity.name} (merge ${r.merge.mergeId}; undo with: rustygpt dedup rollback ${r.merge.mergeId})\n`
            : `rejected: the pair stays apart\n`,
        );
      });
    });
  dedup
    .command('rollback')
    .description('undo a merge: the merged entities come back with their ids, relationships and links')
    .argument('<merge>', 'merge id')
    .option('--force', 'roll back even if the kept entity changed since (its changes are lost)', false)
    .option('--workspace <slug>', 'workspace', 'default')
    .action(async (merge: string, opts: { force: boolean; workspace: string }) => {
      await withStore(opts.workspace, async (store) => {
        const r = await rollbackMerge(store, positiveInt(merge, 'merge'), { force: opts.force });
        process.stdout.write(`restored ${r.restored.map((e) => `#${e.id} ${e.name}`).join(', ')}\n`);
      });
    });
}
