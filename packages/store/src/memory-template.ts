import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { IN_MEMORY, openEmbedded } from './embedded-database';
import { migrate, type Migration } from './migrate';

/** The installed PGlite's version (its package.json is not an export: found beside its entry). */
function installedPgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

const pgliteVersion = installedPgliteVersion();

/**
 * The cache key of a migrated template: the PGlite version and every migration's name and
 * checksum, so a new migration or engine release builds a new template instead of reusing a stale
 * one.
 */
export function templateKey(migrations: readonly Migration[]): string {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion}\n`);
  for (const m of migrations) hash.update(`${m.name} ${m.checksum}\n`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Where in-memory databases find their migrated template: `RUSTYGPT_MEMORY_TEMPLATE_DIR`, or
 * nowhere when it is unset or `off` (each in-memory database runs `initdb` and the migrations).
 */
export function templateDirFromEnv(): string | undefined {
  const dir = process.env.RUSTYGPT_MEMORY_TEMPLATE_DIR;
  return dir && dir !== 'off' ? dir : undefined;
}

/** Templates built or read by this process, by file path. */
const loaded = new Map<string, Promise<Blob>>();

/**
 * A freshly migrated, empty embedded database as a data-directory tarball, for in-memory
 * databases to start from (`PGlite.create(..., { loadDataDir })`) instead of running `initdb` and
 * every migration again: about 0.3 s instead of 1.2 s per database, which is most of the cost of a
 * test that opens one. Kept in `dir` as `pglite-template-<key>.tar` (written to a temporary name,
 * then renamed, so processes building it at once never read half a file) and in this process's
 * memory.
 */
export function migratedTemplate(dir: string, migrations: readonly Migration[]): Promise<Blob> {
  const file = join(dir, `pglite-template-${templateKey(migrations)}.tar`);
  let template = loaded.get(file);
  if (!template) {
    template = readOrBuild(dir, file, migrations);
    loaded.set(file, template);
    // A failed build is not cached: the next open tries again.
    template.catch(() => loaded.delete(file));
  }
  return template;
}

async function readOrBuild(dir: string, file: string, migrations: readonly Migration[]): Promise<Blob> {
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    // not built yet
  }
  const { database, pglite } = await openEmbedded(IN_MEMORY);
  try {
    await migrate(database, [...migrations]);
    const tarball = await pglite.dumpDataDir('none');
    const partial = `${file}.${randomUUID()}.partial`;
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(partial, new Uint8Array(await tarball.arrayBuffer()));
      renameSync(partial, file);
    } catch {
      // A read-only or full cache directory only costs speed.
      if (existsSync(partial)) rmSync(partial);
    }
    return tarball;
  } finally {
    await database.close();
  }
}

/**
 * The template an in-memory database opened with these migrations starts from, or undefined when
 * it should not use one: a database on disk, migrations off, or no template directory.
 */
export async function memoryTemplateFor(
  dataDir: string,
  migrations: readonly Migration[] | null,
  templateDir: string | undefined = templateDirFromEnv(),
): Promise<Blob | undefined> {
  if (!migrations || !templateDir || !dataDir.startsWith(IN_MEMORY)) return undefined;
  return migratedTemplate(templateDir, migrations);
}
