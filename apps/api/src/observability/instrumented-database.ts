import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Database, Queryable } from '@rustygpt/store';
import type { ApiMetrics } from './metrics';

/** The statement kind of a SQL text (`select`, `insert`, ...): a low-cardinality metric label. */
export function statementKind(sql: string): string {
  const match = /^\s*(?:with\b[\s\S]*?\)\s*)?([a-z]+)/i.exec(sql);
  return (match?.[1] ?? 'other').toLowerCase();
}

/** Counts statements (tests assert DataLoader batching with it). */
export interface StatementCounter {
  count: number;
  statements: string[];
}

/**
 * Wraps a Database so every statement is timed (rustygpt_db_duration_seconds), traced (a `db.*`
 * client span) and optionally counted. The store and the reasoning engine get the wrapped handle,
 * so their statements are measured too.
 */
export function instrumentDatabase(
  db: Database,
  metrics: ApiMetrics | null,
  counter?: StatementCounter,
): Database {
  const tracer = trace.getTracer('@rustygpt/api');
  const wrap = (target: Queryable): Queryable => ({
    async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      const kind = statementKind(sql);
      if (counter) {
        counter.count++;
        counter.statements.push(sql);
      }
      const end = metrics?.dbDuration.startTimer({ operation: kind });
      const span = tracer.startSpan(`db.${kind}`, {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system': 'postgresql' },
      });
      try {
        return await target.query<T>(sql, params);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
        end?.();
      }
    },
    async exec(sql: string): Promise<void> {
      if (counter) {
        counter.count++;
        counter.statements.push(sql);
      }
      const end = metrics?.dbDuration.startTimer({ operation: 'exec' });
      try {
        await target.exec(sql);
      } finally {
        end?.();
      }
    },
    ...(target.copyFromBinary
      ? {
          copyFromBinary: async (sql: string, data: Uint8Array) => {
            if (counter) {
              counter.count++;
              counter.statements.push(sql);
            }
            const end = metrics?.dbDuration.startTimer({ operation: 'copy' });
            try {
              await target.copyFromBinary!(sql, data);
            } finally {
              end?.();
            }
          },
        }
      : {}),
  });
  const base = wrap(db);
  return {
    mode: db.mode,
    location: db.location,
    ...base,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}
