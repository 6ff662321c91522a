/**
 * `rustygpt rebase --model <file|builtin:NAME>`: moves every vector to another embedding model
 * (built beside the old one, verified, then switched atomically). Exit code 2 (CONFLICT) when
 * verification fails; the old model then stays active. Re-run after an interruption to resume.
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { ConflictError } from '@rustygpt/core';
import { createEmbedder, rebase } from '@rustygpt/models';
import { withStore } from '../context';

export function register(program: Command): void {
  program
    .command('rebase')
    .description('re-embed everything with another model, verify it, then switch to it atomically')
    .requiredOption(
      '--model <spec>',
      'builtin:glove-100d, builtin:use-lite-512, a GGUF path or an http(s) URL',
    )
    .option('--sample <n>', 'entities sampled for verification', '200')
    .option('--min-recall <x>', 'share of sampled names that must retrieve their entity in the top 3', '0.99')
    .option('--keep-old', 'keep the old model vectors after switching', false)
    .option('--workspace <slug>', 'workspace', 'default')
    .option('--json', 'print the report as JSON', false)
    .action(
      async (opts: {
        model: string;
        sample: string;
        minRecall: string;
        keepOld: boolean;
        workspace: string;
        json: boolean;
      }) => {
        const controller = new AbortController();
        const onSigint = (): void => controller.abort();
        process.once('SIGINT', onSigint);
        const embedder = await createEmbedder(opts.model, {
          signal: controller.signal,
          onDownloadProgress: (p) => process.stderr.write(`\rdownloading ${p.receivedBytes} bytes`),
        }).catch((error: unknown) => {
          process.removeListener('SIGINT', onSigint);
          throw error;
        });
        const bar = new cliProgress.SingleBar(
          { format: '{phase} [{bar}] {value}/{total}', stream: process.stderr },
          cliProgress.Presets.shades_classic,
        );
        let barPhase = '';
        try {
          const report = await withStore(opts.workspace, (store) =>
            rebase(store, embedder, {
              sampleSize: Number(opts.sample),
              minSelfRecall: Number(opts.minRecall),
              keepOldVectors: opts.keepOld,
              signal: controller.signal,
              onProgress: (p) => {
                if (opts.json) return;
                const phase = p.phase === 'index' ? 'embedding' : p.phase;
                const [done, total] =
                  p.phase === 'index'
                    ? [p.progress.done, p.progress.total]
                    : p.phase === 'verify'
                      ? [p.done, p.total]
                      : [1, 1];
                if (phase !== barPhase) {
                  if (barPhase) bar.stop();
                  bar.start(total, done, { phase });
                  barPhase = phase;
                }
                bar.update(done, { phase });
              },
            }),
          );
          if (barPhase) bar.stop();
          barPhase = '';
          const v = report.verification;
          if (opts.json) process.stdout.write(`${JSON.stringify(report)}\n`);
          else {
            process.stdout.write(
              [
                `from ${report.from?.name ?? '(none)'} to ${report.to.name} (${report.to.dims} dims)`,
                `verification: ${(100 * v.selfRecall).toFixed(1)}% of ${v.sample} names retrieve their entity in the top 3` +
                  (v.neighbourOverlap === null
                    ? ''
                    : `; neighbour overlap with the old model ${(100 * v.neighbourOverlap).toFixed(1)}%`),
                report.switched
                  ? `switched: ${report.to.name} is active${report.droppedOldVectors ? `; dropped ${report.droppedOldVectors.entities} entity and ${report.droppedOldVectors.chunks} chunk vectors` : ''}`
                  : `verification failed (misses: ${v.misses.slice(0, 5).join(', ')}): ${report.from?.name ?? 'the old model'} stays active`,
              ].join('\n') + '\n',
            );
          }
          if (!report.switched) {
            throw new ConflictError(
              `verification failed: ${(100 * v.selfRecall).toFixed(1)}% < ${(100 * Number(opts.minRecall)).toFixed(1)}%; ${report.from?.name ?? 'the old model'} stays active`,
              { selfRecall: v.selfRecall, misses: v.misses },
            );
          }
        } finally {
          if (barPhase) bar.stop();
          process.removeListener('SIGINT', onSigint);
          await embedder.dispose();
        }
      },
    );
}
