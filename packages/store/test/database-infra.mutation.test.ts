/**
 * Mutation-testing gate for the database infrastructure: the data-directory lock, the embedded
 * engine (in memory and on disk), the pg Pool over the wire, the wire server itself, the migrated
 * in-memory template and how openDatabase picks between them from options and environment.
 * Servers listen on free ports and every database and server a test opens is closed by it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConflictError, isRustyError, UnavailableError, ValidationError } from '@rustygpt/core';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBinaryCopy } from '../src/binary-copy';
import { acquireDataDirLock } from '../src/data-dir-lock';
import { openEmbeddedDatabase } from '../src/embedded-database';
import { memoryTemplateFor, migratedTemplate, templateDirFromEnv, templateKey } from '../src/memory-template';
import {
  DEFAULT_DATA_DIR,
  IN_MEMORY,
  loadMigrations,
  openDatabase,
  redactUrl,
  serveDatabase,
  type Database,
  type Migration,
  type ServedDatabase,
} from '../src/index';

/** Engines start slowly on a busy machine (initdb, WASM); a test's own limit, never an assertion. */
const SLOW = { timeout: 300_000 };

const base = mkdtempSync(join(tmpdir(), 'store-infra-'));
let dirs = 0;
/** A fresh, not yet existing path under this file's temporary directory. */
const freshPath = (label: string): string => join(base, `${label}-${++dirs}`);

/** Runs `fn` with environment variables set (undefined: unset), restoring them afterwards. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

/** What a promise settles to: its value, or the error it rejected with. */
const settle = <T>(p: Promise<T>): Promise<T | unknown> => p.catch((e: unknown) => e);

/** The error `fn` throws (undefined when it returns). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e;
  }
}

/** A pid that certainly belongs to no running process (a child that already exited). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

/** A TCP port nothing listens on (taken from the OS, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address !== 'object') throw new Error('no port');
  return address.port;
}

/** A migration list of one cheap statement, for templates that must be built by the test. */
function tinyMigrations(label: string, sql = `CREATE TABLE ${label} (x int)`): Migration[] {
  return [{ name: `0001_${label}`, sql, checksum: createHash('sha256').update(sql).digest('hex') }];
}

/** A bad migrations directory: its only migration fails. */
function failingMigrationsDir(): string {
  const dir = freshPath('bad-migrations');
  mkdirSync(join(dir, '0001_broken'), { recursive: true });
  writeFileSync(join(dir, '0001_broken', 'migration.sql'), 'SELECT * FROM no_such_table;');
  return dir;
}

/** The migrated template in-memory test databases start from (none without a template directory). */
const projectTemplate = (): Promise<Blob | undefined> => memoryTemplateFor(IN_MEMORY, loadMigrations());

const regclass = async (db: Database, table: string): Promise<string | null> =>
  (await db.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [table]))[0]?.r ?? null;

// One migrated in-memory database and one wire server, opened by the first test that needs them.
let sharedEmbedded: Promise<Database> | undefined;
const embedded = (): Promise<Database> => (sharedEmbedded ??= openDatabase({ dataDir: IN_MEMORY }));
let sharedServer: Promise<ServedDatabase> | undefined;
const served = (): Promise<ServedDatabase> =>
  (sharedServer ??= serveDatabase({ dataDir: IN_MEMORY, port: 0 }));
let sharedWire: Promise<Database> | undefined;
const wire = (): Promise<Database> =>
  (sharedWire ??= served().then((s) => openDatabase({ databaseUrl: s.url, poolSize: 2 })));

afterAll(async () => {
  if (sharedWire) await (await sharedWire).close();
  if (sharedServer) await (await sharedServer).close();
  if (sharedEmbedded) await (await sharedEmbedded).close();
  rmSync(base, { recursive: true, force: true });
});

describe('data directory lock', () => {
  it('writes this process id into <dataDir>.lock, creating missing parent directories', () => {
    const dataDir = join(freshPath('lock'), 'deep', 'data');
    const lock = acquireDataDirLock(dataDir);
    expect(lock.path).toBe(`${dataDir}.lock`);
    expect(readFileSync(lock.path, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('names the lock after the directory without its trailing separators', () => {
    const slash = freshPath('slash');
    const a = acquireDataDirLock(`${slash}//`);
    expect(a.path).toBe(`${slash}.lock`);
    const backslash = freshPath('backslash');
    const b = acquireDataDirLock(`${backslash}\\`);
    expect(b.path).toBe(`${backslash}.lock`);
    a.release();
    b.release();
  });

  it('refuses a second lock on a directory this process holds, naming the process, until released', () => {
    const dataDir = freshPath('held');
    const lock = acquireDataDirLock(dataDir);
    const error = thrown(() => acquireDataDirLock(dataDir));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe(
      `the data directory ${dataDir} is in use by process ${process.pid}; stop it, or reach the data through its server (rustygpt db serve / DATABASE_URL)`,
    );
    expect((error as ConflictError).details).toEqual({ dataDir, pid: process.pid });
    lock.release();
    const again = acquireDataDirLock(dataDir);
    expect(readFileSync(again.path, 'utf8')).toBe(`${process.pid}\n`);
    again.release();
  });

  it('releases once: a second release neither throws nor removes a lock taken since', () => {
    const dataDir = freshPath('release');
    const listeners = process.listenerCount('exit');
    const lock = acquireDataDirLock(dataDir);
    expect(process.listenerCount('exit')).toBe(listeners + 1);
    lock.release();
    expect(process.listenerCount('exit')).toBe(listeners);
    writeFileSync(lock.path, `${process.ppid}\n`);
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(`${process.ppid}\n`);
  });

  it('takes over a lock left by a dead process', () => {
    const dataDir = freshPath('dead');
    writeFileSync(`${dataDir}.lock`, `${deadPid()}\n`);
    const lock = acquireDataDirLock(dataDir);
    expect(readFileSync(lock.path, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
  });

  it.each([['garbage'], ['0'], ['-5'], ['']])('takes over a lock file holding %j', (content) => {
    const dataDir = freshPath('stale');
    writeFileSync(`${dataDir}.lock`, content);
    const lock = acquireDataDirLock(dataDir);
    expect(readFileSync(lock.path, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
  });

  it('takes over a lock with this process id that this process does not hold (an earlier process)', () => {
    const dataDir = freshPath('reused-pid');
    writeFileSync(`${dataDir}.lock`, `${process.pid}\n`);
    const lock = acquireDataDirLock(dataDir);
    lock.release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it.each([
    ['the parent process', process.ppid],
    ['init', 1],
  ])('refuses a lock held by a live process (%s)', (_label, pid) => {
    const dataDir = freshPath('live');
    writeFileSync(`${dataDir}.lock`, `${pid}\n`);
    const error = thrown(() => acquireDataDirLock(dataDir));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toContain(`is in use by process ${pid};`);
    expect((error as ConflictError).details).toEqual({ dataDir, pid });
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(`${pid}\n`);
  });

  it('gives up with a conflict when the lock path is not a file it can read or replace', () => {
    const dataDir = freshPath('lock-is-dir');
    mkdirSync(`${dataDir}.lock`);
    const error = thrown(() => acquireDataDirLock(dataDir));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe(`could not take the lock on ${dataDir}`);
    expect((error as ConflictError).details).toEqual({ dataDir });
  });

  it('passes through a filesystem failure other than an existing lock', () => {
    const dataDir = join(freshPath('long'), 'x'.repeat(300));
    const error = thrown(() => acquireDataDirLock(dataDir));
    expect((error as NodeJS.ErrnoException).code).toBe('ENAMETOOLONG');
  });
});

describe('redactUrl', () => {
  it('hides the password and keeps the rest of the url', () => {
    expect(redactUrl('postgres://ada:s3cret@db.example:6543/kb?sslmode=require')).toBe(
      'postgres://ada:***@db.example:6543/kb?sslmode=require',
    );
  });

  it('leaves a url without a password unchanged', () => {
    expect(redactUrl('postgres://ada@db.example:6543/kb')).toBe('postgres://ada@db.example:6543/kb');
  });

  it('prints a placeholder for something that is not a url', () => {
    expect(redactUrl('not a url with secret')).toBe('postgres://(unparseable url)');
  });
});

describe('embedded database in memory', SLOW, () => {
  it('is an embedded database in memory that runs queries with and without parameters', async () => {
    const db = await embedded();
    expect(db.mode).toBe('embedded');
    expect(db.location).toBe('embedded (in memory)');
    expect(await db.query('SELECT 41 + 1 AS n')).toEqual([{ n: 42 }]);
    expect(await db.query('SELECT $1::int * 2 AS n', [21])).toEqual([{ n: 42 }]);
  });

  it('runs a script of several statements and maps a failing one to a typed error', async () => {
    const db = await embedded();
    await db.exec('CREATE TABLE emb_script (id int PRIMARY KEY); INSERT INTO emb_script VALUES (1), (2);');
    expect(await db.query('SELECT count(*)::int AS n FROM emb_script')).toEqual([{ n: 2 }]);
    await expect(db.exec('INSERT INTO emb_script VALUES (1)')).rejects.toBeInstanceOf(ConflictError);
    await expect(db.query('INSERT INTO emb_script VALUES ($1)', [2])).rejects.toBeInstanceOf(ConflictError);
  });

  it('bulk-loads binary COPY data and maps a failing load to a typed error', async () => {
    const db = await embedded();
    await db.exec('CREATE TABLE emb_copy (id int8 PRIMARY KEY, label text)');
    const rows = encodeBinaryCopy([
      [
        { kind: 'int8', value: 1 },
        { kind: 'text', value: 'one' },
      ],
      [{ kind: 'int8', value: 2 }, { kind: 'null' }],
    ]);
    const copy = "COPY emb_copy FROM '/dev/blob' WITH (FORMAT binary)";
    await db.copyFromBinary?.(copy, rows);
    expect(await db.query('SELECT id, label FROM emb_copy ORDER BY id')).toEqual([
      { id: 1, label: 'one' },
      { id: 2, label: null },
    ]);
    await expect(db.copyFromBinary?.(copy, rows)).rejects.toBeInstanceOf(ConflictError);
  });

  it('commits a transaction that resolves and rolls back one that throws, as a typed error', async () => {
    const db = await embedded();
    await db.exec('CREATE TABLE emb_tx (id int PRIMARY KEY)');
    const value = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO emb_tx VALUES ($1)', [1]);
      return 'done';
    });
    expect(value).toBe('done');
    const failure = new Error('boom');
    const error = await settle(
      db.transaction(async (tx) => {
        await tx.exec('INSERT INTO emb_tx VALUES (2)');
        throw failure;
      }),
    );
    expect(isRustyError(error) && error.code).toBe('INTERNAL');
    expect((error as Error).cause).toBe(failure);
    await expect(db.transaction((tx) => tx.query('INSERT INTO emb_tx VALUES (1)'))).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await db.query('SELECT id FROM emb_tx ORDER BY id')).toEqual([{ id: 1 }]);
  });

  it('closes once: a second close is a no-op and the closed database refuses queries', async () => {
    const db = await openEmbeddedDatabase(IN_MEMORY, { template: await projectTemplate() });
    await db.close();
    await expect(db.close()).resolves.toBeUndefined();
    await expect(db.query('SELECT 1')).rejects.toThrow();
  });

  it('uses shared_buffers from the option before RUSTYGPT_PG_SHARED_BUFFERS', async () => {
    const show = async (sharedBuffers: string | undefined) => {
      const db = await openEmbeddedDatabase(IN_MEMORY, { sharedBuffers, template: await projectTemplate() });
      try {
        return (await db.query<{ shared_buffers: string }>('SHOW shared_buffers'))[0]?.shared_buffers;
      } finally {
        await db.close();
      }
    };
    await withEnv({ RUSTYGPT_PG_SHARED_BUFFERS: '48MB' }, async () => {
      expect(await show('64MB')).toBe('64MB');
      expect(await show(undefined)).toBe('48MB');
    });
    await withEnv({ RUSTYGPT_PG_SHARED_BUFFERS: '40960kB' }, async () => {
      expect(await show(undefined)).toBe('40MB');
    });
    await withEnv({ RUSTYGPT_PG_SHARED_BUFFERS: '' }, async () => {
      expect(await show(undefined)).toBe('128MB');
    });
  });

  it.each([['512'], ['512mb'], ['512 MB'], ['x512MB'], ['512MBx'], ['1234567MB'], ['MB'], ['512TB']])(
    'rejects shared_buffers %j before opening anything',
    async (sharedBuffers) => {
      const error = await settle(openEmbeddedDatabase(IN_MEMORY, { sharedBuffers }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toBe(
        'RUSTYGPT_PG_SHARED_BUFFERS: shared_buffers must look like 512MB',
      );
    },
  );

  it('rejects a malformed RUSTYGPT_PG_SHARED_BUFFERS', async () => {
    await withEnv({ RUSTYGPT_PG_SHARED_BUFFERS: 'lots' }, async () => {
      await expect(openEmbeddedDatabase(IN_MEMORY)).rejects.toBeInstanceOf(ValidationError);
    });
  });

  it('accepts shared_buffers in GB, reporting an engine that cannot start as unavailable', async () => {
    const template = await projectTemplate();
    const error = await settle(openEmbeddedDatabase(IN_MEMORY, { sharedBuffers: '999999GB', template }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).message).toBe('could not open the embedded database at memory://');
    expect((error as UnavailableError).details).toEqual({ dataDir: IN_MEMORY });
    expect((error as UnavailableError).cause).toBeInstanceOf(Error);
  });
});

describe('embedded database on disk', SLOW, () => {
  it('creates parent directories, holds the lock while open and ignores a template', async () => {
    const parent = freshPath('disk');
    const dataDir = resolve(parent, 'data');
    const template = await projectTemplate();
    const db = await openEmbeddedDatabase(`${parent}/nested/../data`, { template });
    try {
      expect(db.mode).toBe('embedded');
      expect(db.location).toBe(`embedded (${dataDir})`);
      expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(`${process.pid}\n`);
      expect(await regclass(db, '_rustygpt_migrations')).toBeNull();
    } finally {
      await db.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    await expect(db.close()).resolves.toBeUndefined();
  });

  it('reports a path that is not a data directory as unavailable and releases its lock', async () => {
    const notADir = freshPath('plain-file');
    writeFileSync(notADir, 'not a database');
    const error = await settle(openEmbeddedDatabase(notADir));
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).message).toBe(
      `could not open the embedded database at ${notADir} (is it a PGlite data directory?)`,
    );
    expect((error as UnavailableError).details).toEqual({ dataDir: notADir });
    expect(existsSync(`${notADir}.lock`)).toBe(false);
  });
});

describe('pg pool over the wire', SLOW, () => {
  it('is a postgres database whose location hides the password', async () => {
    const server = await served();
    const url = `postgres://postgres:hunter2@127.0.0.1:${server.port}/postgres?sslmode=disable`;
    const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
    try {
      expect(db.mode).toBe('postgres');
      expect(db.location).toBe(`postgres://postgres:***@127.0.0.1:${server.port}/postgres?sslmode=disable`);
      expect(db.copyFromBinary).toBeUndefined();
    } finally {
      await db.close();
    }
  });

  it('reads bigint columns and bigint arrays as numbers and leaves other types as pg parses them', async () => {
    const db = await wire();
    const [row] = await db.query(
      "SELECT 9007199254740991::bigint AS big, ARRAY[1, NULL, 3]::bigint[] AS bigs, '12'::text AS digits, ARRAY[4, 5]::int[] AS ints, 2.5::float8 AS f, true AS b",
    );
    expect(row).toEqual({
      big: 9007199254740991,
      bigs: [1, null, 3],
      digits: '12',
      ints: [4, 5],
      f: 2.5,
      b: true,
    });
    expect(await db.query('SELECT $1::int + 1 AS n', [41])).toEqual([{ n: 42 }]);
  });

  it('runs a script of several statements and maps failures to typed errors', async () => {
    const db = await wire();
    await db.exec('CREATE TABLE wire_script (id int PRIMARY KEY); INSERT INTO wire_script VALUES (1), (2);');
    expect(await db.query('SELECT count(*)::int AS n FROM wire_script')).toEqual([{ n: 2 }]);
    await expect(db.exec('INSERT INTO wire_script VALUES (1)')).rejects.toBeInstanceOf(ConflictError);
    await expect(db.query('INSERT INTO wire_script VALUES ($1)', [2])).rejects.toBeInstanceOf(ConflictError);
  });

  it('commits a transaction that resolves and rolls back only the one that throws', async () => {
    const db = await wire();
    await db.exec('CREATE TABLE wire_tx (id int PRIMARY KEY)');
    const value = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO wire_tx VALUES ($1)', [1]);
      return 'done';
    });
    expect(value).toBe('done');
    const failure = new Error('boom');
    const error = await settle(
      db.transaction(async (tx) => {
        await tx.exec('INSERT INTO wire_tx VALUES (2)');
        throw failure;
      }),
    );
    expect(isRustyError(error) && error.code).toBe('INTERNAL');
    expect((error as Error).cause).toBe(failure);
    await expect(db.transaction((tx) => tx.query('INSERT INTO wire_tx VALUES (1)'))).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await db.query('SELECT id FROM wire_tx ORDER BY id')).toEqual([{ id: 1 }]);
    expect(await (await served()).database.query('SELECT id FROM wire_tx ORDER BY id')).toEqual([{ id: 1 }]);
  });

  it('keeps to its pool size: one connection serves concurrent queries on a one-connection server', async () => {
    const server = await serveDatabase({ dataDir: IN_MEMORY, port: 0, maxConnections: 1 });
    try {
      const db = await openDatabase({ databaseUrl: server.url, poolSize: 1 });
      try {
        const results = await Promise.all([db.query('SELECT 1 AS n'), db.query('SELECT 2 AS n')]);
        expect(results).toEqual([[{ n: 1 }], [{ n: 2 }]]);
      } finally {
        await db.close();
      }
    } finally {
      await server.close();
    }
  });

  it('reports an unreachable server as unavailable, without the password', async () => {
    const port = await closedPort();
    const error = await settle(openDatabase({ databaseUrl: `postgres://ada:s3cret@127.0.0.1:${port}/kb` }));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(
      JSON.stringify({ message: (error as Error).message, details: (error as UnavailableError).details }),
    ).not.toContain('s3cret');
  });

  it('reports a stopped server as unavailable for queries and transactions, and closes once', async () => {
    const server = await serveDatabase({ dataDir: IN_MEMORY, port: 0 });
    const db = await openDatabase({ databaseUrl: server.url, poolSize: 2 });
    await server.close();
    await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(UnavailableError);
    await expect(db.transaction((tx) => tx.query('SELECT 1'))).rejects.toBeInstanceOf(UnavailableError);
    await db.close();
    await expect(db.close()).resolves.toBeUndefined();
  });
});

describe('wire server', SLOW, () => {
  it('serves the migrated database on a free port at a ready-to-use url', async () => {
    const server = await served();
    expect(server.port).toBeGreaterThan(0);
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres?sslmode=disable`);
    expect(server.database.mode).toBe('embedded');
    const db = await wire();
    const names = await db.query<{ name: string }>('SELECT name FROM _rustygpt_migrations ORDER BY name');
    expect(names.map((r) => r.name)).toEqual(loadMigrations().map((m) => m.name));
  });

  it('accepts several clients at once by default', async () => {
    const server = await served();
    const other = await openDatabase({ databaseUrl: server.url, poolSize: 1 });
    try {
      const db = await wire();
      const results = await Promise.all([
        db.query('SELECT 1 AS n'),
        db.query('SELECT 2 AS n'),
        other.query('SELECT 3 AS n'),
      ]);
      expect(results).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
    } finally {
      await other.close();
    }
  });

  it('listens on the given host and refuses clients beyond maxConnections', async () => {
    const server = await serveDatabase({ dataDir: IN_MEMORY, port: 0, host: 'localhost', maxConnections: 1 });
    try {
      expect(server.host).toBe('localhost');
      expect(server.url).toBe(`postgres://postgres@localhost:${server.port}/postgres?sslmode=disable`);
      const first = await openDatabase({ databaseUrl: server.url, poolSize: 1 });
      try {
        await expect(openDatabase({ databaseUrl: server.url, poolSize: 1 })).rejects.toBeInstanceOf(
          UnavailableError,
        );
      } finally {
        await first.close();
      }
    } finally {
      await server.close();
    }
  });

  it('refuses a port in use with a clear, typed error', async () => {
    const port = (await served()).port;
    const outcome = await serveDatabase({ dataDir: IN_MEMORY, port }).then(
      async (s) => {
        await s.close();
        return 'listening';
      },
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(UnavailableError);
    expect((outcome as UnavailableError).message).toBe(`cannot listen on 127.0.0.1:${port} (port in use)`);
    expect((outcome as UnavailableError).details).toEqual({ host: '127.0.0.1', port });
    expect(((outcome as UnavailableError).cause as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
  });

  it('releases the data directory when its migrations fail, passing the failure on', async () => {
    const dataDir = freshPath('serve-bad');
    await withEnv({ RUSTYGPT_MIGRATIONS_DIR: failingMigrationsDir() }, async () => {
      const outcome = await serveDatabase({ dataDir, port: 0 }).then(
        async (s) => {
          await s.close();
          return 'listening';
        },
        (e: unknown) => e,
      );
      expect(isRustyError(outcome) && outcome.code).toBe('INTERNAL');
    });
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('stops listening and closes its database on close, once', async () => {
    const server = await serveDatabase({ dataDir: IN_MEMORY, port: 0 });
    await server.close();
    await expect(server.close()).resolves.toBeUndefined();
    await expect(openDatabase({ databaseUrl: server.url, poolSize: 1 })).rejects.toBeInstanceOf(
      UnavailableError,
    );
    await expect(server.database.query('SELECT 1')).rejects.toThrow();
  });
});

describe('migrated template for in-memory databases', SLOW, () => {
  /** The version of the installed PGlite, which the template key must follow. */
  const pgliteVersion = (
    JSON.parse(
      readFileSync(
        fileURLToPath(new URL('../../../node_modules/@electric-sql/pglite/package.json', import.meta.url)),
        'utf8',
      ),
    ) as { version: string }
  ).version;

  it('keys templates by the PGlite version and each migration name and checksum, in order', () => {
    const migrations: Migration[] = [
      { name: '0001_a', sql: 'x', checksum: 'c1' },
      { name: '0002_b', sql: 'y', checksum: 'c2' },
    ];
    const expected = createHash('sha256')
      .update(`pglite ${pgliteVersion}\n0001_a c1\n0002_b c2\n`)
      .digest('hex')
      .slice(0, 16);
    expect(templateKey(migrations)).toBe(expected);
    expect(templateKey([migrations[1], migrations[0]] as Migration[])).not.toBe(expected);
  });

  it('takes the template directory from RUSTYGPT_MEMORY_TEMPLATE_DIR unless unset, empty or off', async () => {
    await withEnv({ RUSTYGPT_MEMORY_TEMPLATE_DIR: '/var/cache/templates' }, async () => {
      expect(templateDirFromEnv()).toBe('/var/cache/templates');
    });
    for (const value of [undefined, '', 'off']) {
      await withEnv({ RUSTYGPT_MEMORY_TEMPLATE_DIR: value }, async () => {
        expect(templateDirFromEnv()).toBeUndefined();
      });
    }
  });

  it('gives a template only to an in-memory database opened with migrations and a template directory', async () => {
    const dir = freshPath('prebuilt');
    const migrations = tinyMigrations('prebuilt');
    mkdirSync(dir);
    const bytes = 'an already built template';
    writeFileSync(join(dir, `pglite-template-${templateKey(migrations)}.tar`), bytes);

    const found = await memoryTemplateFor(IN_MEMORY, migrations, dir);
    expect(await found?.text()).toBe(bytes);
    expect(await memoryTemplateFor(`${IN_MEMORY}named`, migrations, dir)).toBe(found);
    expect(await memoryTemplateFor(IN_MEMORY, null, dir)).toBeUndefined();
    expect(await memoryTemplateFor(join(base, 'on-disk'), migrations, dir)).toBeUndefined();
    await withEnv({ RUSTYGPT_MEMORY_TEMPLATE_DIR: dir }, async () => {
      expect(await memoryTemplateFor(IN_MEMORY, migrations)).toBe(found);
    });
    await withEnv({ RUSTYGPT_MEMORY_TEMPLATE_DIR: 'off' }, async () => {
      expect(await memoryTemplateFor(IN_MEMORY, migrations)).toBeUndefined();
    });
  });

  it('builds a missing template once, as an uncompressed tar that opens migrated, with no partial file left', async () => {
    const dir = join(freshPath('build'), 'nested');
    const migrations = tinyMigrations('built_probe');
    const first = migratedTemplate(dir, migrations);
    expect(migratedTemplate(dir, migrations)).toBe(first);
    const template = await first;
    const file = join(dir, `pglite-template-${templateKey(migrations)}.tar`);
    expect(readdirSync(dir)).toEqual([`pglite-template-${templateKey(migrations)}.tar`]);
    expect(statSync(file).size).toBe(template.size);
    expect(readFileSync(file).subarray(257, 262).toString('latin1')).toBe('ustar');

    const db = await openEmbeddedDatabase(IN_MEMORY, { template });
    try {
      expect(await regclass(db, 'built_probe')).toBe('built_probe');
      expect(await db.query('SELECT name FROM _rustygpt_migrations')).toEqual([{ name: '0001_built_probe' }]);
    } finally {
      await db.close();
    }
  });

  it('still hands out a template it cannot store, leaving no partial file behind', async () => {
    const dir = freshPath('blocked');
    const migrations = tinyMigrations('blocked_probe');
    const target = join(dir, `pglite-template-${templateKey(migrations)}.tar`);
    mkdirSync(join(target, 'occupied'), { recursive: true });
    const template = await migratedTemplate(dir, migrations);
    expect(template.size).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual([`pglite-template-${templateKey(migrations)}.tar`]);
  });

  it('does not keep a failed build: the next request tries again', async () => {
    const dir = freshPath('failing');
    const migrations = tinyMigrations('failing_probe');
    mkdirSync(dir);
    // The build fails at once: its engine refuses this setting.
    const { failed } = await withEnv({ RUSTYGPT_PG_SHARED_BUFFERS: 'invalid' }, async () => {
      const attempt = migratedTemplate(dir, migrations);
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      return { failed: attempt };
    });
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(join(dir, `pglite-template-${templateKey(migrations)}.tar`), 'built elsewhere');
    const retried = migratedTemplate(dir, migrations);
    expect(retried).not.toBe(failed);
    expect(await (await retried).text()).toBe('built elsewhere');
  });
});

describe('openDatabase', SLOW, () => {
  it('opens an explicit data directory even when a server url is given', async () => {
    const port = await closedPort();
    const db = await openDatabase({ dataDir: IN_MEMORY, databaseUrl: `postgres://127.0.0.1:${port}/none` });
    try {
      expect(db.location).toBe('embedded (in memory)');
      const names = await db.query<{ name: string }>('SELECT name FROM _rustygpt_migrations ORDER BY name');
      expect(names.map((r) => r.name)).toEqual(loadMigrations().map((m) => m.name));
    } finally {
      await db.close();
    }
  });

  it('leaves the schema alone when migrations are off, template or not', async () => {
    const db = await openDatabase({ dataDir: IN_MEMORY, migrate: false });
    try {
      expect(await regclass(db, '_rustygpt_migrations')).toBeNull();
    } finally {
      await db.close();
    }
  });

  it('connects to DATABASE_URL when no data directory or url is given, an explicit url first', async () => {
    const server = await served();
    const port = await closedPort();
    await withEnv({ DATABASE_URL: server.url, RUSTYGPT_DATA_DIR: undefined }, async () => {
      const db = await openDatabase({ poolSize: 1 });
      expect(db.location).toBe(server.url);
      await db.close();
    });
    await withEnv({ DATABASE_URL: `postgres://127.0.0.1:${port}/none` }, async () => {
      const db = await openDatabase({ databaseUrl: server.url, poolSize: 1 });
      expect(db.location).toBe(server.url);
      await db.close();
    });
  });

  it('opens RUSTYGPT_DATA_DIR when no url is configured (an empty DATABASE_URL counts as none)', async () => {
    await withEnv({ DATABASE_URL: '', RUSTYGPT_DATA_DIR: IN_MEMORY }, async () => {
      const db = await openDatabase();
      try {
        expect(db.location).toBe('embedded (in memory)');
      } finally {
        await db.close();
      }
    });
  });

  it('defaults the data directory to ./.rustygpt/data', () => {
    expect(DEFAULT_DATA_DIR).toBe('./.rustygpt/data');
  });

  it('passes shared_buffers and the template directory on to the embedded engine', async () => {
    await expect(openDatabase({ dataDir: IN_MEMORY, sharedBuffers: 'plenty' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const dir = freshPath('corrupt-template');
    mkdirSync(dir);
    writeFileSync(join(dir, `pglite-template-${templateKey(loadMigrations())}.tar`), 'not a tarball');
    await expect(openDatabase({ dataDir: IN_MEMORY, templateDir: dir })).rejects.toBeInstanceOf(
      UnavailableError,
    );
  });

  it('closes the database (releasing its directory) when a migration fails on open', async () => {
    const dataDir = freshPath('open-bad');
    await withEnv({ RUSTYGPT_MIGRATIONS_DIR: failingMigrationsDir() }, async () => {
      const outcome = await settle(openDatabase({ dataDir }));
      expect(isRustyError(outcome) && outcome.code).toBe('INTERNAL');
    });
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
