/**
 * `rustygpt prune [--dry-run]`: moves unused entities through the lifecycle tiers (active ->
 * inactive -> archived; archived vectors leave the index) by reference tracking. Resumable: run
 * it again after an interruption and it continues from its last checkpoint.
 */
import { ValidationError } from '@rustygpt/core';
import { DAY_MS, Lifecycle } from '@rustygpt/lifecycle';
import type { Command } from 'commander';
import { withStore } from '../context';
import { jobProgressReporter } from './lifecycle-progress';

function days(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0 && Number.isFinite(n))) throw new ValidationError('must be a positive number of days', flag);
  return n * DAY_MS;
}

export function register(program: Command): void {
  program
    .command('prune')
    .description('move unused entities to inactive, then archived (vectors leave the index); resumable')
    .option('--dry-run', 'only count what would move', false)
    .option('--archive-only', 'only archive inactive entities past the archive threshold', false)
    .option('--inactive-after <days>', 'days unused before an entity becomes inactive (default 30)')
    .option('--archive-after <days>', 'days unused before an entity is archived (default 90)')
    .option('--workspace <slug>', 'workspace', 'default')
    .option('--json', 'print the result as JSON', false)
    .addHelpText(
      'after',
      '\nThresholds adapt to load: they shrink under memory pressure or a large active set.\n' +
        'Entities used often (>= 10 times) get twice the time. A reference to an archived entity\n' +
        'reactivates it (and its strongly related neighbours).\n\nExample:\n  rustygpt prune --dry-run\n  rustygpt prune',
    )
    .action(
      async (opts: {
        dryRun: boolean;
        archiveOnly: boolean;
        inactiveAfter?: string;
        archiveAfter?: string;
        workspace: string;
        json: boolean;
      }) => {
        const policy: Record<string, number> = {};
        const inactive = days(opts.inactiveAfter, '--inactive-after');
        const archive = days(opts.archiveAfter, '--archive-after');
        if (inactive !== undefined) policy.inactiveAfterMs = inactive;
        if (archive !== undefined) policy.archiveAfterMs = archive;
        await withStore(opts.workspace, async (store) => {
          const lifecycle = new Lifecycle(store, { policy });
          const progress = jobProgressReporter('prune', opts.json);
          try {
            const result = await lifecycle.prune({
              dryRun: opts.dryRun,
              force: true,
              mode: opts.archiveOnly ? 'archive' : 'prune',
              onProgress: progress.onProgress,
            });
            progress.stop();
            if (opts.json) {
              process.stdout.write(`${JSON.stringify(result)}\n`);
              return;
            }
            const pressure = `pressure ${result.policy.pressure}`;
            if (!result.ran) process.stdout.write(`not run: ${result.reason}\n`);
            else if (result.dryRun)
              process.stdout.write(
                `dry run: of ${result.plan.scanned} entities, ${result.plan.inactive} would become inactive, ${result.plan.archived} archived, ${result.plan.reactivated} reactivated (${pressure})\n`,
              );
            else
              process.stdout.write(
                `${result.report.resumed ? 'resumed; ' : ''}scanned ${result.report.processed}: ${Object.entries(
                  result.report.counts,
                )
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')} (${pressure}, job ${result.report.jobId})\n`,
              );
          } finally {
            progress.stop();
          }
        });
      },
    );
}
