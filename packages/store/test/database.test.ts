import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ConflictError, UnavailableError } from '@rustygpt/core';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeStore, loadMigrations, migrate, openDatabase, serveDatabase } from '../src/index';
import { solarSystem } from './support/bundle-builder';

const base = mkdtempSync(join(tmpdir(), 'store-dbtest-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A pid that certainly belongs to no running process (a child that already exited). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('embedded database on disk', () => {
  const dataDir = join(base, 'nested', 'data');

  it('creates parent directories, applies migrations once and persists data across opens', async () => {
    const db = await openDatabase({ dataDir });
    expect(db.mode).toBe('embedded');
    expect(db.location).toContain(dataDir);
    const applied = await db.query<{ name: string }>('SELECT name FROM _rustygpt_migrations ORDER BY name');
    expect(applied.map((r) => r.name)).toEqual(loadMigrations().map((m) => m.name));
    expect(readFileSync(`${dataDir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    await new KnowledgeStore(db).importBundle(solarSystem().build());
    await db.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    const again = await openDatabase({ dataDir });
    expect((await new KnowledgeStore(again).getEntityByKey('planet:earth'))?.name).toBe('Earth');
    expect(await migrate(again)).toEqual({
      applied: [],
      alreadyApplied: loadMigrations().map((m) => m.name),
    });
    await again.close();
  });

  it('refuses a second open of a data dir held by a live process, naming it', async () => {
    const db = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(ConflictError);
      await expect(openDatabase({ dataDir })).rejects.toThrow(new RegExp(`in use by process ${process.pid}`));
    } finally {
      await db.close();
    }
    writeFileSync(`${dataDir}.lock`, `${process.ppid}\n`);
    await expect(openDatabase({ dataDir })).rejects.toThrow(new RegExp(`in use by process ${process.ppid}`));
    rmSync(`${dataDir}.lock`);
  });

  it('takes over a stale lock left by a dead process', async () => {
    writeFileSync(`${dataDir}.lock`, `${deadPid()}\n`);
    const db = await openDatabase({ dataDir });
    expect(readFileSync(`${dataDir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    await db.close();
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    const db = await openDatabase({ dataDir });
    try {
      const changed = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
      await expect(migrate(db, changed)).rejects.toThrow(/0001_init was changed after it was applied/);
      const extra = [
        ...loadMigrations(),
        { name: '9999_test', sql: 'CREATE TABLE t9999 (x int); INSERT INTO nope VALUES (1);', checksum: 'x' },
      ];
      await expect(migrate(db, extra)).rejects.toThrow();
      const rows = await db.query(`SELECT 1 FROM pg_tables WHERE tablename = 't9999'`);
      expect(rows).toEqual([]); // the failed migration rolled back as a whole
      expect(await db.query(`SELECT 1 FROM _rustygpt_migrations WHERE name = '9999_test'`)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe('server mode', () => {
  it('reports an unreachable server as UnavailableError without the password', async () => {
    const error = await openDatabase({ databaseUrl: 'postgres://postgres:secret@127.0.0.1:5449/none' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnavailableError);
    expect(String((error as Error).message)).not.toContain('secret');
  });

  it('serves an embedded data dir over the wire and maps a lost connection', async () => {
    const served = await serveDatabase({ dataDir: join(base, 'served'), port: 0 });
    const db = await openDatabase({ databaseUrl: served.url });
    expect(db.mode).toBe('postgres');
    await new KnowledgeStore(db).importBundle(solarSystem().build());
    expect(
      (await served.database.query<{ n: number }>('SELECT count(*)::int AS n FROM entities'))[0]?.n,
    ).toBe(6);
    // The served directory is owned by the server process.
    await expect(openDatabase({ dataDir: join(base, 'served') })).rejects.toBeInstanceOf(ConflictError);
    // A second server on the same port is refused with a clear error (and releases its lock).
    await expect(serveDatabase({ dataDir: join(base, 'other'), port: served.port })).rejects.toThrow(
      /port in use/,
    );
    await served.close();
    await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(UnavailableError);
    await db.close();
  });
});
