/** `rustygpt consistency [--fix]`: checks (and repairs) the lifecycle invariants; exit code 1 when violations remain. */
import { CONSISTENCY_CHECKS, Lifecycle } from '@rustygpt/lifecycle';
import type { Command } from 'commander';
import { withStore } from '../context';
import { ExitStatus } from '../exit-status';
import { jobProgressReporter } from './lifecycle-progress';

export function register(program: Command): void {
  program
    .command('consistency')
    .description(
      'check lifecycle invariants (archived entities out of the index, matchable names, vector sizes, weights)',
    )
    .option('--fix', 'repair what can be repaired', false)
    .option('--workspace <slug>', 'workspace', 'default')
    .option('--json', 'print the counts as JSON', false)
    .action(async (opts: { fix: boolean; workspace: string; json: boolean }) => {
      await withStore(opts.workspace, async (store) => {
        const progress = jobProgressReporter('consistency', opts.json);
        const report = await new Lifecycle(store).consistency({
          fix: opts.fix,
          onProgress: progress.onProgress,
        });
        progress.stop();
        const remaining = CONSISTENCY_CHECKS.filter(
          (c) => (report.counts[c.name] ?? 0) > (report.counts[`${c.name}_fixed`] ?? 0),
        );
        if (opts.json) process.stdout.write(`${JSON.stringify(report.counts)}\n`);
        else
          for (const c of CONSISTENCY_CHECKS) {
            const found = report.counts[c.name] ?? 0;
            const fixed = report.counts[`${c.name}_fixed`] ?? 0;
            process.stdout.write(
              `${found === 0 ? 'ok  ' : fixed >= found ? 'fixed' : 'FAIL'} ${c.name}: ${found}${fixed ? ` (fixed ${fixed})` : ''} - ${c.description}\n`,
            );
          }
        if (remaining.length > 0)
          throw new ExitStatus(1, `violations remain: ${remaining.map((c) => c.name).join(', ')}`);
      });
    });
}
