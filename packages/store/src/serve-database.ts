import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { UnavailableError } from '@rustygpt/core';
import type { Database } from './database';
import { openEmbedded } from './embedded-database';
import { memoryTemplateFor } from './memory-template';
import { loadMigrations, migrate } from './migrate';

/** Options of {@link serveDatabase}. */
export interface ServeDatabaseOptions {
  /** Embedded data directory to serve (or `memory://`). */
  dataDir: string;
  /** TCP port (default 5433; 0 picks a free one). */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** Concurrent client connections (queries are still serialised by the single backend). */
  maxConnections?: number;
  /** Embedded `shared_buffers` (see OpenDatabaseOptions). */
  sharedBuffers?: string;
}

/** A running wire-protocol server over an embedded database. */
export interface ServedDatabase {
  /** `postgres://postgres@host:port/postgres?sslmode=disable`, ready for DATABASE_URL / psql. */
  url: string;
  host: string;
  port: number;
  /** The embedded database itself, for in-process use alongside the server. */
  database: Database;
  /** Stops the server, then closes the database; idempotent. */
  close(): Promise<void>;
}

/**
 * Serves the embedded data directory over the PostgreSQL wire protocol (pglite-socket), so other
 * processes (psql, the CLI while `rustygpt serve` runs, tests of the pg path) can reach data that
 * only this process may open. Migrations are applied before listening.
 * @throws UnavailableError (`UNAVAILABLE`) when the port is in use or not permitted, or the
 * directory cannot be opened; ConflictError (`CONFLICT`) when another process holds it.
 */
export async function serveDatabase(options: ServeDatabaseOptions): Promise<ServedDatabase> {
  const migrations = loadMigrations();
  const { database, pglite } = await openEmbedded(options.dataDir, {
    sharedBuffers: options.sharedBuffers,
    template: await memoryTemplateFor(options.dataDir, migrations),
  });
  const host = options.host ?? '127.0.0.1';
  let server: PGLiteSocketServer | null = null;
  try {
    await migrate(database, migrations);
    server = new PGLiteSocketServer({
      db: pglite,
      port: options.port ?? 5433,
      host,
      maxConnections: options.maxConnections ?? 32,
    });
    await server.start();
  } catch (error) {
    await database.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new UnavailableError(
        `cannot listen on ${host}:${options.port ?? 5433} (${code === 'EADDRINUSE' ? 'port in use' : 'permission denied'})`,
        { host, port: options.port ?? 5433 },
        { cause: error },
      );
    }
    throw error;
  }
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
  const running = server;
  let closed = false;
  return {
    url: `postgres://postgres@${host}:${port}/postgres?sslmode=disable`,
    host,
    port,
    database,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await running.stop();
      await database.close();
    },
  };
}
