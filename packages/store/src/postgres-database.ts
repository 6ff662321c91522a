import pg from 'pg';
import type { Database, Queryable } from './database';
import { redactUrl } from './database';
import { mapDatabaseError } from './db-errors';

const INT8 = 20;
const INT8_ARRAY = 1016;

// Ids are bigint columns well below 2^53: read them as numbers, like PGlite does.
const parseInt8 = (value: string): number => Number(value);
const arrayParser = pg.types.getTypeParser(1007 as never) as (value: string) => (string | null)[];
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return parseInt8;
    if (oid === INT8_ARRAY) {
      return (value: string) => arrayParser(value).map((v) => (v === null ? null : Number(v)));
    }
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      try {
        const result = await client.query(sql, params as unknown[]);
        return result.rows as T[];
      } catch (error) {
        throw mapDatabaseError(error);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await client.query(sql);
      } catch (error) {
        throw mapDatabaseError(error);
      }
    },
  };
}

/** Connects to a PostgreSQL server (or a PGlite served over the wire) through a pg Pool. */
export async function openPostgresDatabase(
  url: string,
  options: { poolSize?: number } = {},
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: typeParsers as unknown as pg.CustomTypesConfig,
  });
  // A dropped idle connection must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  const base = wrap(pool);
  await base.query('SELECT 1');
  let closed = false;
  return {
    mode: 'postgres',
    location: redactUrl(url),
    query: base.query,
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw mapDatabaseError(error);
      }
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw mapDatabaseError(error);
      } finally {
        client.release(broken);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
