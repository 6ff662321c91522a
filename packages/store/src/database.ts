/** Which engine a Database talks to: embedded PGlite in this process, or a server over the wire. */
export type DatabaseMode = 'embedded' | 'postgres';

/** Something SQL can be sent to: a database or an open transaction. Parameterised SQL only. */
export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
  /**
   * Binary `COPY ... FROM` fed from memory: the fast bulk path of the embedded engine
   * (`COPY t FROM '/dev/blob' WITH (FORMAT binary)`). Absent where the driver cannot do it.
   */
  copyFromBinary?: (sql: string, data: Uint8Array) => Promise<void>;
}

/** One database handle: every store function works the same over each mode. */
export interface Database extends Queryable {
  readonly mode: DatabaseMode;
  /** Where the data lives, safe to print (never contains a password). */
  readonly location: string;
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Closes the connection (pool, or embedded engine and its data-directory lock); idempotent. */
  close(): Promise<void>;
}

/** Removes credentials from a connection URL for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}
