import { readFile } from 'node:fs/promises';
import { ValidationError } from '@rustygpt/core';
import type { ImportProgress, ImportSummary } from '@rustygpt/store';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { withStore } from '../context';

async function readInput(file: string): Promise<string> {
  if (file !== '-') {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new ValidationError(
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
        'file',
      );
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One line summarising an import, e.g. for logs and the end of `rustygpt ingest`. */
export function formatSummary(s: ImportSummary): string {
  const part = (name: string, c: ImportSummary['entities']) =>
    `${name} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;
  return `${part('entities', s.entities)}; ${part('relationships', s.relationships)}; ${part('resources', s.resources)} (${s.durationMs} ms)`;
}

function progressReporter(tty: boolean): { onProgress: (p: ImportProgress) => void; stop: () => void } {
  if (tty) {
    const bar = new cliProgress.SingleBar(
      { format: '{phase} [{bar}] {value}/{total}', clearOnComplete: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let phase = '';
    return {
      onProgress: (p) => {
        if (p.phase === 'validate' || p.phase === 'done') return;
        if (p.phase !== phase) {
          if (phase) bar.stop();
          phase = p.phase;
          bar.start(p.total, 0, { phase: p.phase.padEnd(13) });
        }
        bar.update(p.done, { phase: p.phase.padEnd(13) });
      },
      stop: () => bar.stop(),
    };
  }
  return {
    onProgress: (p) => {
      if (p.phase === 'entities' || p.phase === 'relationships' || p.phase === 'resources') {
        process.stderr.write(`${p.phase}: ${p.done}/${p.total}\n`);
      }
    },
    stop: () => undefined,
  };
}

/** `rustygpt ingest <file.json | ->`: validates and imports a knowledge bundle idempotently. */
export function register(program: Command): void {
  program
    .command('ingest')
    .description('import a knowledge bundle (JSON) into the knowledge graph; safe to repeat')
    .argument('<file>', 'bundle file, or - to read standard input')
    .option('--workspace <slug>', 'target workspace', 'default')
    .option('--dry-run', 'validate only, write nothing', false)
    .addHelpText(
      'after',
      '\nThe format is described in docs/knowledge-bundle.md (JSON Schema: docs/knowledge-bundle.schema.json).\n' +
        'The bundle is validated first (errors name the JSON path, e.g. $.relationships[12].to) and nothing\n' +
        'is written if any part is invalid; then it is imported in one transaction. Importing the same\n' +
        'bundle twice changes nothing.\n\nExample:\n  rustygpt ingest data/demo/bundle.json\n  cat bundle.json | rustygpt ingest -',
    )
    .action(async (file: string, opts: { workspace: string; dryRun: boolean }) => {
      const text = await readInput(file);
      let bundle: unknown;
      try {
        bundle = JSON.parse(text);
      } catch (error) {
        throw new ValidationError(`not valid JSON: ${(error as Error).message}`, '$');
      }
      if (opts.dryRun) {
        const { validateBundle } = await import('@rustygpt/store');
        const valid = validateBundle(bundle);
        process.stdout.write(
          `valid: ${valid.entities?.length ?? 0} entities, ${valid.relationships?.length ?? 0} relationships, ${valid.resources?.length ?? 0} resources (references to keys outside the bundle are checked on import)\n`,
        );
        return;
      }
      await withStore(opts.workspace, async (store) => {
        const progress = progressReporter(Boolean(process.stderr.isTTY));
        try {
          const summary = await store.importBundle(bundle, { onProgress: progress.onProgress });
          progress.stop();
          process.stdout.write(`${formatSummary(summary)}\n`);
        } catch (error) {
          progress.stop();
          throw error;
        }
      });
    });
}
