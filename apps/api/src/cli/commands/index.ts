import type { Command } from 'commander';
import * as serve from './serve';
import * as token from './token';
import * as config from './config';
import * as db from './db';
import * as doctor from './doctor';
import * as reindex from './reindex';
import * as rebase from './rebase';
import * as retrieve from './retrieve';
import * as entities from './entities';
import * as ingest from './ingest';
import * as ask from './ask';
import * as migrate from './migrate';
import * as prune from './prune';
import * as dedup from './dedup';
import * as consistency from './consistency';

/**
 * Each command lives in its own module (`./migrate.ts`, `./ingest.ts`, ...) exporting
 * `register(program)`; add it to this list.
 */
const modules: { register(program: Command): void }[] = [
  doctor,
  reindex,
  rebase,
  retrieve,
  migrate,
  ingest,
  entities,
  db,
  config,
  serve,
  token,
  ask,
  prune,
  dedup,
  consistency,
];

export function registerCommands(program: Command): void {
  for (const m of modules) m.register(program);
}
