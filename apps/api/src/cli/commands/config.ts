import { existsSync, writeFileSync } from 'node:fs';
import { ConflictError } from '@rustygpt/core';
import type { Command } from 'commander';
import { exampleEnvFile } from '../settings';

/** `rustygpt config`: writes (or prints) an example configuration with every setting documented. */
export function register(program: Command): void {
  program
    .command('config')
    .description('write an example configuration file documenting every setting')
    .option('--out <file>', 'file to write', 'rustygpt.config.example.env')
    .option('--stdout', 'print to standard output instead of writing a file', false)
    .option('--force', 'overwrite an existing file', false)
    .action((opts: { out: string; stdout: boolean; force: boolean }) => {
      const text = exampleEnvFile();
      if (opts.stdout) {
        process.stdout.write(text);
        return;
      }
      if (existsSync(opts.out) && !opts.force)
        throw new ConflictError(`${opts.out} exists; use --force to overwrite`);
      writeFileSync(opts.out, text);
      process.stdout.write(`wrote ${opts.out}\n`);
    });
}
