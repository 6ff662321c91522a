import type { Command } from 'commander';
import { formatDoctorReport, runDoctor } from '@rustygpt/models';

/** `rustygpt doctor`: checks the model stack (backend, threads, models, throughput) without a database. */
export function register(program: Command): void {
  program
    .command('doctor')
    .description('check the model backend (cpu/cuda/vulkan), threads, models and their throughput')
    .option('--model <spec>', 'embedding model: builtin:glove-100d, builtin:use-lite-512, a GGUF path or URL')
    .option('--probe <n>', 'sentences in the throughput probe', '200')
    .option('--json', 'print JSON', false)
    .action(async (opts: { model?: string; probe: string; json: boolean }) => {
      const probe = Number(opts.probe);
      const report = await runDoctor({
        spec: opts.model,
        probe: Number.isInteger(probe) && probe > 0 ? probe : 200,
        onDownloadProgress: (p) =>
          process.stderr.write(
            `\rdownloading ${p.receivedBytes}${p.totalBytes ? ` / ${p.totalBytes}` : ''} bytes`,
          ),
      });
      process.stdout.write(
        opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDoctorReport(report)}\n`,
      );
    });
}
