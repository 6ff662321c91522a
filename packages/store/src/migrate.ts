import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConflictError, UnavailableError } from '@rustygpt/core';
import type { Database } from './database';

/** Where the SQL migrations live: `prisma/migrations/<NNNN_name>/migration.sql` at the repo root. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));

/** One migration file, in application order. */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** What `migrate` did. */
export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/** Reads the migrations from disk, ordered by their numeric prefix. */
export function loadMigrations(
  dir = process.env.RUSTYGPT_MIGRATIONS_DIR ?? DEFAULT_MIGRATIONS_DIR,
): Migration[] {
  if (!existsSync(dir)) throw new UnavailableError(`migrations directory ${dir} not found`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const LOCK_KEY = 7_342_001; // advisory lock id shared by every migrating process

/**
 * Applies pending migrations, each in its own transaction, recording them in
 * `_rustygpt_migrations`. A migration whose file changed after it was applied is refused (its
 * checksum no longer matches): migrations are append-only.
 */
export async function migrate(
  db: Database,
  migrations: Migration[] = loadMigrations(),
): Promise<MigrationReport> {
  await db.exec(`CREATE TABLE IF NOT EXISTS _rustygpt_migrations (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    const applied = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const rows = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM _rustygpt_migrations WHERE name = $1',
        [migration.name],
      );
      const existing = rows[0];
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new ConflictError(
            `migration ${migration.name} was changed after it was applied (checksum mismatch); add a new migration instead`,
            { migration: migration.name },
          );
        }
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO _rustygpt_migrations (name, checksum) VALUES ($1, $2)', [
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    (applied ? report.applied : report.alreadyApplied).push(migration.name);
  }
  return report;
}
