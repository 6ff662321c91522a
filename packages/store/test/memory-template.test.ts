import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { templateKey } from '../src/memory-template';
import { createRepositories, IN_MEMORY, loadMigrations, openDatabase, serveDatabase } from '../src/index';

const dir = mkdtempSync(join(tmpdir(), 'rustygpt-template-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrated template for in-memory databases', () => {
  it('is built once, and every database started from it is migrated, empty and its own', async () => {
    const first = await openDatabase({ dataDir: IN_MEMORY, templateDir: dir });
    const files = readdirSync(dir);
    expect(files).toEqual([`pglite-template-${templateKey(loadMigrations())}.tar`]);
    await createRepositories(first).workspaces.ensure('only-in-first', 'First');

    const second = await openDatabase({ dataDir: IN_MEMORY, templateDir: dir });
    expect(readdirSync(dir)).toEqual(files);
    const applied = await second.query<{ name: string }>(
      'SELECT name FROM _rustygpt_migrations ORDER BY name',
    );
    expect(applied.map((r) => r.name)).toEqual(loadMigrations().map((m) => m.name));
    const slugs = await second.query<{ slug: string }>('SELECT slug FROM workspaces');
    expect(slugs.map((r) => r.slug)).not.toContain('only-in-first');
    // The extensions came along: vectors and ltree paths work.
    const [row] = await second.query<{ d: number; a: boolean }>(
      "SELECT '[1,0]'::vector <-> '[0,0]'::vector AS d, 'a.b'::ltree <@ 'a'::ltree AS a",
    );
    expect(row).toEqual({ d: 1, a: true });
    await Promise.all([first.close(), second.close()]);
  });

  it('serves a wire-protocol database from the same template', async () => {
    const served = await serveDatabase({ dataDir: IN_MEMORY, port: 0 });
    try {
      const db = await openDatabase({ databaseUrl: served.url, poolSize: 1 });
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM _rustygpt_migrations');
      expect(row?.n).toBe(loadMigrations().length);
      await db.close();
    } finally {
      await served.close();
    }
  });

  it('has a new key when a migration or its text changes', () => {
    const migrations = loadMigrations();
    const changed = migrations.map((m, i) =>
      i === migrations.length - 1 ? { ...m, checksum: 'edited' } : m,
    );
    expect(templateKey(changed)).not.toBe(templateKey(migrations));
    expect(templateKey(migrations.slice(0, -1))).not.toBe(templateKey(migrations));
    expect(templateKey(migrations)).toBe(templateKey(loadMigrations()));
  });

  it('still opens when the template directory cannot be written', async () => {
    const notADirectory = join(dir, 'a-file');
    writeFileSync(notADirectory, 'not a directory');
    const db = await openDatabase({ dataDir: IN_MEMORY, templateDir: join(notADirectory, 'templates') });
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM _rustygpt_migrations');
    expect(row?.n).toBe(loadMigrations().length);
    await db.close();
  });
});
