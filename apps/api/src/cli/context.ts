import { ValidationError } from '@rustygpt/core';
import {
  DEFAULT_DATA_DIR,
  KnowledgeStore,
  openDatabase,
  createRepositories,
  type Database,
} from '@rustygpt/store';

/** Where the CLI's data lives, from the environment (DATABASE_URL wins over RUSTYGPT_DATA_DIR). */
export function configuredDatabase(env: NodeJS.ProcessEnv = process.env): {
  databaseUrl?: string;
  dataDir?: string;
} {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: env.RUSTYGPT_DATA_DIR || DEFAULT_DATA_DIR };
}

/** Opens the configured database (migrations applied), runs `fn`, and always closes it. */
export async function withDatabase<T>(
  fn: (db: Database) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const db = await openDatabase({ ...configuredDatabase(), ...options });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Opens the configured database and a KnowledgeStore scoped to the workspace with this slug. */
export async function withStore<T>(
  workspaceSlug: string,
  fn: (store: KnowledgeStore, db: Database) => Promise<T>,
): Promise<T> {
  return withDatabase(async (db) => {
    const workspace = await createRepositories(db).workspaces.bySlug(workspaceSlug);
    if (!workspace)
      throw new ValidationError(`no workspace with slug ${JSON.stringify(workspaceSlug)}`, '--workspace');
    return fn(new KnowledgeStore(db, workspace.id), db);
  });
}
