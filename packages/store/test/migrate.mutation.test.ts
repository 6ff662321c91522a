/**
 * Mutation-testing gate for the migrations: which files are read and in what order, their
 * checksums, what `migrate` applies and reports, its refusal of a changed migration and its
 * rollback of a failing one (the ones before it stay applied).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConflictError, isRustyError, UnavailableError } from '@rustygpt/core';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '../src/embedded-database';
import { memoryTemplateFor } from '../src/memory-template';
import {
  DEFAULT_MIGRATIONS_DIR,
  IN_MEMORY,
  loadMigrations,
  migrate,
  type Database,
  type Migration,
} from '../src/index';

const base = mkdtempSync(join(tmpdir(), 'store-migrate-'));
let dirs = 0;

/** An in-memory database with the project migrations applied (from the template when there is one). */
async function migratedDatabase(): Promise<Database> {
  return openEmbeddedDatabase(IN_MEMORY, { template: await memoryTemplateFor(IN_MEMORY, loadMigrations()) });
}

// One shared database, opened by the first test that needs it.
let shared: Promise<Database> | undefined;
const database = async (): Promise<Database> => {
  shared ??= migratedDatabase().then(async (db) => {
    await migrate(db);
    return db;
  });
  return shared;
};

afterAll(async () => {
  if (shared) await (await shared).close();
  rmSync(base, { recursive: true, force: true });
});

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A migration as loadMigrations reads it. */
const migration = (name: string, sql: string): Migration => ({ name, sql, checksum: sha256(sql) });

/** A migrations directory holding `files` (relative path -> content). */
function migrationsDir(files: Record<string, string>): string {
  const dir = join(base, `migrations-${++dirs}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Runs `fn` with RUSTYGPT_MIGRATIONS_DIR set to `value` (undefined: unset), restoring it. */
function withMigrationsDir<T>(value: string | undefined, fn: () => T): T {
  const saved = process.env.RUSTYGPT_MIGRATIONS_DIR;
  if (value === undefined) delete process.env.RUSTYGPT_MIGRATIONS_DIR;
  else process.env.RUSTYGPT_MIGRATIONS_DIR = value;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.RUSTYGPT_MIGRATIONS_DIR;
    else process.env.RUSTYGPT_MIGRATIONS_DIR = saved;
  }
}

const recorded = async (db: Database, prefix: string) =>
  db.query<{ name: string; checksum: string; recent: boolean }>(
    "SELECT name, checksum, applied_at > now() - interval '1 day' AS recent FROM _rustygpt_migrations WHERE name LIKE $1 ORDER BY name",
    [`${prefix}%`],
  );

const tableExists = async (db: Database, table: string): Promise<boolean> =>
  (await db.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [table]))[0]?.r === table;

describe('loadMigrations', () => {
  it('reads each migration directory in name order with the sha-256 of its sql', () => {
    const dir = migrationsDir({
      '0002_second/migration.sql': 'SELECT 2;',
      '0010_tenth/migration.sql': 'SELECT 10;',
      '0001_first/migration.sql': 'SELECT 1;',
    });
    expect(loadMigrations(dir)).toEqual([
      migration('0001_first', 'SELECT 1;'),
      migration('0002_second', 'SELECT 2;'),
      migration('0010_tenth', 'SELECT 10;'),
    ]);
  });

  it('skips loose files and directories without a migration.sql', () => {
    const dir = migrationsDir({
      '0001_first/migration.sql': 'SELECT 1;',
      '0002_notes/README.md': 'no sql here',
      'migration_lock.toml': 'provider = "postgresql"',
    });
    expect(loadMigrations(dir).map((m) => m.name)).toEqual(['0001_first']);
  });

  it('reports a missing directory as unavailable, naming it', () => {
    const dir = join(base, 'does-not-exist');
    expect(() => loadMigrations(dir)).toThrow(new UnavailableError(`migrations directory ${dir} not found`));
    expect(() => loadMigrations(dir)).toThrow(UnavailableError);
  });

  it('reads RUSTYGPT_MIGRATIONS_DIR, else the repository prisma/migrations', () => {
    const dir = migrationsDir({ '0001_only/migration.sql': 'SELECT 1;' });
    expect(withMigrationsDir(dir, () => loadMigrations().map((m) => m.name))).toEqual(['0001_only']);

    const repoDir = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));
    expect(DEFAULT_MIGRATIONS_DIR).toBe(repoDir);
    const expected = readdirSync(repoDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(withMigrationsDir(undefined, () => loadMigrations().map((m) => m.name))).toEqual(expected);
  });
});

describe('migrate', () => {
  it('applies pending migrations in order, recording each with its checksum', async () => {
    const db = await database();
    const list = [
      migration('9001_orders_table', 'CREATE TABLE m_orders (id int PRIMARY KEY);'),
      migration('9002_orders_row', 'INSERT INTO m_orders VALUES (1);'),
    ];
    expect(await migrate(db, list)).toEqual({
      applied: ['9001_orders_table', '9002_orders_row'],
      alreadyApplied: [],
    });
    expect(await db.query('SELECT id FROM m_orders')).toEqual([{ id: 1 }]);
    expect(await recorded(db, '900')).toEqual(
      list.map((m) => ({ name: m.name, checksum: m.checksum, recent: true })),
    );
  });

  it('applies only what is new when run again with an appended migration', async () => {
    const db = await database();
    const first = [migration('9101_items', 'CREATE TABLE m_items (id int); INSERT INTO m_items VALUES (1);')];
    await migrate(db, first);
    const appended = [...first, migration('9102_items_more', 'INSERT INTO m_items VALUES (2);')];
    expect(await migrate(db, appended)).toEqual({
      applied: ['9102_items_more'],
      alreadyApplied: ['9101_items'],
    });
    expect(await migrate(db, appended)).toEqual({
      applied: [],
      alreadyApplied: ['9101_items', '9102_items_more'],
    });
    expect(await db.query('SELECT id FROM m_items ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('refuses a migration changed after it was applied, and applies nothing after it', async () => {
    const db = await database();
    await migrate(db, [migration('9201_notes', 'CREATE TABLE m_notes (id int);')]);
    const changed = [
      migration('9201_notes', 'CREATE TABLE m_notes (id bigint);'),
      migration('9202_later', 'CREATE TABLE m_later (id int);'),
    ];
    const error = await migrate(db, changed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe(
      'migration 9201_notes was changed after it was applied (checksum mismatch); add a new migration instead',
    );
    expect((error as ConflictError).details).toEqual({ migration: '9201_notes' });
    expect(await tableExists(db, 'm_later')).toBe(false);
    expect((await recorded(db, '920')).map((r) => r.name)).toEqual(['9201_notes']);
  });

  it('rolls a failing migration back as a whole, keeping the ones before it', async () => {
    const db = await database();
    const list = [
      migration('9301_kept', 'CREATE TABLE m_kept (id int);'),
      migration('9302_broken', 'CREATE TABLE m_broken (id int); INSERT INTO m_missing VALUES (1);'),
    ];
    const error = await migrate(db, list).catch((e: unknown) => e);
    expect(isRustyError(error) && error.code).toBe('INTERNAL');
    expect(await tableExists(db, 'm_kept')).toBe(true);
    expect(await tableExists(db, 'm_broken')).toBe(false);
    expect((await recorded(db, '930')).map((r) => r.name)).toEqual(['9301_kept']);
  });

  it('checks the project migrations by default', async () => {
    const db = await database();
    const names = loadMigrations().map((m) => m.name);
    expect(await migrate(db)).toEqual({ applied: [], alreadyApplied: names });
  });

  it('creates its bookkeeping table where there is none', async () => {
    const db = await migratedDatabase();
    try {
      await db.exec('DROP TABLE _rustygpt_migrations');
      const list = [migration('9401_first', 'SELECT 1;')];
      expect(await migrate(db, list)).toEqual({ applied: ['9401_first'], alreadyApplied: [] });
      expect(await recorded(db, '')).toEqual([
        { name: '9401_first', checksum: list[0]?.checksum, recent: true },
      ]);
    } finally {
      await db.close();
    }
  });
});
