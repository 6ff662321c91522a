import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { vector } from '@electric-sql/pglite-pgvector';
import { UnavailableError, ValidationError } from '@rustygpt/core';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import type { Database, Queryable } from './database';
import { mapDatabaseError } from './db-errors';

/** Data dir value that keeps the embedded database in memory (tests, throwaway runs). */
export const IN_MEMORY = 'memory://';

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(target: PgliteLike): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      try {
        const result = await target.query<T>(sql, params as unknown[]);
        return result.rows;
      } catch (error) {
        throw mapDatabaseError(error);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await target.exec(sql);
      } catch (error) {
        throw mapDatabaseError(error);
      }
    },
    async copyFromBinary(sql: string, data: Uint8Array): Promise<void> {
      try {
        // COPY buffers are never shared memory; the cast satisfies DOM-typed Blob signatures.
        await target.query(sql, [], { blob: new Blob([data as Uint8Array<ArrayBuffer>]) });
      } catch (error) {
        throw mapDatabaseError(error);
      }
    },
  };
}

/** Tuning of the embedded engine. */
export interface EmbeddedOptions {
  /**
   * PostgreSQL `shared_buffers` (e.g. `512MB`; default RUSTYGPT_PG_SHARED_BUFFERS or PGlite's
   * 128MB). Larger keeps a big HNSW index in memory; it comes out of PGlite's 2 GiB WASM heap.
   */
  sharedBuffers?: string;
  /**
   * A data-directory tarball to start an in-memory database from (see `migratedTemplate`);
   * ignored for a database on disk, which keeps what it holds.
   */
  template?: Blob;
}

function postgresConf(options: EmbeddedOptions): string[] {
  const shared = options.sharedBuffers ?? (process.env.RUSTYGPT_PG_SHARED_BUFFERS || undefined);
  if (shared === undefined) return [];
  if (!/^\d{1,6}(kB|MB|GB)$/.test(shared)) {
    throw new ValidationError('shared_buffers must look like 512MB', 'RUSTYGPT_PG_SHARED_BUFFERS');
  }
  return [`shared_buffers = '${shared}'`];
}

/** Opens (creating when new) an embedded PGlite database with pgvector and ltree loaded. */
export async function openEmbeddedDatabase(
  dataDir: string,
  options: EmbeddedOptions = {},
): Promise<Database> {
  return (await openEmbedded(dataDir, options)).database;
}

/** Opens an embedded database and also hands back the PGlite instance (for the wire server). */
export async function openEmbedded(
  dataDir: string,
  options: EmbeddedOptions = {},
): Promise<{ database: Database; pglite: PGlite }> {
  const conf = postgresConf(options);
  const inMemory = dataDir.startsWith('memory://');
  const dir = inMemory ? dataDir : resolve(dataDir);
  let lock: DataDirLock | null = null;
  if (!inMemory) {
    mkdirSync(dirname(dir), { recursive: true });
    lock = acquireDataDirLock(dir);
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create(dir, {
      extensions: { vector, ltree },
      ...(conf.length ? { postgresqlconf: conf } : {}),
      ...(inMemory && options.template ? { loadDataDir: options.template } : {}),
    });
  } catch (error) {
    lock?.release();
    throw new UnavailableError(
      `could not open the embedded database at ${dir}${existsSync(dir) ? ' (is it a PGlite data directory?)' : ''}`,
      { dataDir: dir },
      { cause: error },
    );
  }
  const base = wrap(pg);
  let closed = false;
  const database: Database = {
    mode: 'embedded',
    location: inMemory ? 'embedded (in memory)' : `embedded (${dir})`,
    query: base.query,
    exec: base.exec,
    copyFromBinary: base.copyFromBinary,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      try {
        return await pg.transaction((tx) => fn(wrap(tx)));
      } catch (error) {
        throw mapDatabaseError(error);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
  return { database, pglite: pg };
}
