import type { Command } from 'commander';
import * as doctor from './doctor';

/**
 * Each command lives in its own module (`./migrate.ts`, `./ingest.ts`, ...) exporting
 * `register(program)`; add it to this list.
 */
const modules: { register(program: Command): void }[] = [doctor];

export function registerCommands(program: Command): void {
  for (const m of modules) m.register(program);
}
