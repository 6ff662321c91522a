import { randomUUID } from 'node:crypto';
import {
  createRepositories,
  IN_MEMORY,
  KnowledgeStore,
  openDatabase,
  serveDatabase,
  type Database,
  type ServedDatabase,
} from '../../src/index';

/** The database modes every store test runs against. */
export type TestMode = 'embedded' | 'wire' | 'server';

/**
 * embedded: in-process PGlite; wire: PGlite served by pglite-socket, reached through a pg Pool
 * (the DATABASE_URL code path); server: a real PostgreSQL with pgvector when
 * RUSTYGPT_TEST_DATABASE_URL is set.
 */
export const TEST_MODES: TestMode[] = [
  'embedded',
  'wire',
  ...(process.env.RUSTYGPT_TEST_DATABASE_URL ? (['server'] as const) : []),
];

export interface TestDatabase {
  db: Database;
  close(): Promise<void>;
}

/** Opens a fresh, migrated database in the given mode. */
export async function openTestDatabase(mode: TestMode): Promise<TestDatabase> {
  if (mode === 'embedded') {
    const db = await openDatabase({ dataDir: IN_MEMORY });
    return { db, close: () => db.close() };
  }
  if (mode === 'wire') {
    const served: ServedDatabase = await serveDatabase({ dataDir: IN_MEMORY, port: 0 });
    const db = await openDatabase({ databaseUrl: served.url, poolSize: 4 });
    return {
      db,
      close: async () => {
        await db.close();
        await served.close();
      },
    };
  }
  const db = await openDatabase({ databaseUrl: process.env.RUSTYGPT_TEST_DATABASE_URL as string });
  return { db, close: () => db.close() };
}

/** A store on a workspace of its own, so tests never see each other's rows (also on a shared server). */
export async function freshStore(db: Database, label = 'test'): Promise<KnowledgeStore> {
  const slug = `${label}-${randomUUID().slice(0, 8)}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  const ws = await createRepositories(db).workspaces.ensure(slug, label);
  return new KnowledgeStore(db, ws.id);
}
