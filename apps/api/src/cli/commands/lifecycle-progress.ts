/** A progress bar for lifecycle jobs on a terminal, plain lines otherwise (shared by prune, consistency). */
import type { JobProgress } from '@rustygpt/lifecycle';
import cliProgress from 'cli-progress';

/** Reports job progress on stderr; call `stop` when the job ends. */
export function jobProgressReporter(
  label: string,
  quiet = false,
): { onProgress: (p: JobProgress) => void; stop: () => void } {
  if (quiet) return { onProgress: () => undefined, stop: () => undefined };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} {message}`, clearOnComplete: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      onProgress: (p) => {
        if (!started) {
          bar.start(p.total ?? 0, p.processed, { message: p.message });
          started = true;
        }
        bar.setTotal(p.total ?? 0);
        bar.update(p.processed, { message: p.message });
      },
      stop: () => bar.stop(),
    };
  }
  return {
    onProgress: (p) => process.stderr.write(`${label}: ${p.processed}/${p.total ?? '?'} ${p.message}\n`),
    stop: () => undefined,
  };
}
