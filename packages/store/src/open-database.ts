import type { Database } from './database';
import { openEmbeddedDatabase } from './embedded-database';
import { memoryTemplateFor } from './memory-template';
import { loadMigrations, migrate } from './migrate';
import { openPostgresDatabase } from './postgres-database';

/** Default embedded data directory (relative to the working directory). */
export const DEFAULT_DATA_DIR = './.rustygpt/data';

/** Options of {@link openDatabase}; unset ones come from the environment. */
export interface OpenDatabaseOptions {
  /** Embedded data directory (or `memory://`). Wins over `databaseUrl` and the environment. */
  dataDir?: string;
  /** `postgres://...`: a PostgreSQL server (with pgvector and ltree) or `rustygpt db serve`. */
  databaseUrl?: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** Pool size in server mode (default 10). */
  poolSize?: number;
  /** Embedded `shared_buffers`, e.g. `512MB` (default RUSTYGPT_PG_SHARED_BUFFERS, else 128MB). */
  sharedBuffers?: string;
  /**
   * In-memory databases start from a migrated template kept in this directory (default
   * `RUSTYGPT_MEMORY_TEMPLATE_DIR`; unset: none). Used only when migrations run on open.
   */
  templateDir?: string;
}

/**
 * Opens the configured database: an explicit `dataDir` -> embedded PGlite; else `databaseUrl`
 * (or `DATABASE_URL`) -> pg Pool; else embedded at `RUSTYGPT_DATA_DIR` (default ./.rustygpt/data).
 * Migrations are applied on open so every caller sees the current schema.
 * @throws UnavailableError (`UNAVAILABLE`) when the server cannot be reached or the directory
 * opened; ConflictError (`CONFLICT`) when another process holds the data directory;
 * ValidationError (`BAD_USER_INPUT`) for a malformed `sharedBuffers`.
 * @example
 * ```ts
 * const db = await openDatabase({ dataDir: IN_MEMORY });
 * const store = new KnowledgeStore(db);
 * ```
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const url = options.dataDir ? undefined : (options.databaseUrl ?? (process.env.DATABASE_URL || undefined));
  const migrations = options.migrate === false ? null : loadMigrations();
  const dataDir = options.dataDir ?? (process.env.RUSTYGPT_DATA_DIR || DEFAULT_DATA_DIR);
  const db = url
    ? await openPostgresDatabase(url, { poolSize: options.poolSize })
    : await openEmbeddedDatabase(dataDir, {
        sharedBuffers: options.sharedBuffers,
        template: await memoryTemplateFor(dataDir, migrations, options.templateDir),
      });
  if (migrations) {
    try {
      // After a template this only confirms that every migration is recorded, unchanged.
      await migrate(db, migrations);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}
