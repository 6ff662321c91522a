/**
 * `rustygpt reindex [--all]`: brings the vectors of the configured embedding model up to date,
 * re-embedding only entities and chunks whose content changed (or everything with --all), with
 * a progress bar. Interrupting it is safe: the next run resumes from the job queue.
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { createEmbedder, indexEmbeddings } from '@rustygpt/models';
import { withStore } from '../context';

export function register(program: Command): void {
  program
    .command('reindex')
    .description('embed entities and resource chunks whose content changed (resumable)')
    .option('--all', 're-embed everything, not only what changed', false)
    .option('--model <spec>', 'embedding model (default: RUSTYGPT_EMBEDDING_MODEL or the built-in)')
    .option('--workspace <slug>', 'workspace', 'default')
    .option('--json', 'print the summary as JSON', false)
    .action(async (opts: { all: boolean; model?: string; workspace: string; json: boolean }) => {
      const controller = new AbortController();
      const onSigint = (): void => controller.abort();
      process.once('SIGINT', onSigint);
      const embedder = await createEmbedder(opts.model, { signal: controller.signal }).catch(
        (error: unknown) => {
          process.removeListener('SIGINT', onSigint);
          throw error;
        },
      );
      const bar = new cliProgress.SingleBar(
        {
          format: 'embedding [{bar}] {value}/{total} ({percentage}%) {eta_formatted} left',
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      try {
        const result = await withStore(opts.workspace, (store) =>
          indexEmbeddings(store, embedder, {
            all: opts.all,
            signal: controller.signal,
            onProgress: (p) => {
              if (p.phase !== 'embed' || opts.json) return;
              if (!started) {
                bar.start(p.total, 0);
                started = true;
              }
              bar.setTotal(p.total);
              bar.update(p.done);
            },
          }),
        );
        if (started) bar.stop();
        const summary = {
          model: result.model.name,
          dims: result.model.dims,
          state: result.model.state,
          embedded: result.embedded,
          removedArchived: result.removedArchived,
          seconds: Math.round(result.ms) / 1000,
        };
        process.stdout.write(
          opts.json
            ? `${JSON.stringify(summary)}\n`
            : `${summary.model} (${summary.dims} dims, ${summary.state}): embedded ${summary.embedded.entities} entities and ${summary.embedded.chunks} chunks in ${summary.seconds} s\n`,
        );
      } finally {
        if (started) bar.stop();
        process.removeListener('SIGINT', onSigint);
        await embedder.dispose();
      }
    });
}
