import { NotFoundError } from '@rustygpt/core';
import type { Database } from '../database';
import { validUuids } from './users';

/** Where a job is: `queued`, `running` (claimed by a worker), or `succeeded`, `failed` or `cancelled`. */
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A lifecycle job (re-embed, re-base, prune, ...) with its progress. */
export interface JobRecord {
  id: string;
  kind: string;
  state: JobState;
  /** Fraction done in [0, 1]. */
  progress: number;
  processed: number;
  total: number | null;
  message: string | null;
  error: string | null;
  payload: Record<string, unknown>;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

interface JobRow {
  id: string;
  kind: string;
  state: JobState;
  progress: number;
  processed: number;
  total: number | null;
  message: string | null;
  error: string | null;
  payload: Record<string, unknown>;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const toJob = (r: JobRow): JobRecord => ({
  id: r.id,
  kind: r.kind,
  state: r.state,
  progress: Number(r.progress),
  processed: Number(r.processed),
  total: r.total === null ? null : Number(r.total),
  message: r.message,
  error: r.error,
  payload: r.payload ?? {},
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  startedAt: r.started_at ? new Date(r.started_at) : null,
  finishedAt: r.finished_at ? new Date(r.finished_at) : null,
});

const COLUMNS =
  'id, kind, state, progress, processed, total, message, error, payload, created_by, created_at, started_at, finished_at';

/** What `update` may change. */
export type JobPatch = Partial<
  Pick<
    JobRecord,
    'state' | 'progress' | 'processed' | 'total' | 'message' | 'error' | 'startedAt' | 'finishedAt'
  >
>;

/** Persistent lifecycle jobs: created queued, claimed by one worker, finished or failed. */
export class JobRepository {
  constructor(private readonly db: Database) {}

  /** Queues a job of `kind` (state `queued`, progress 0). */
  async create(input: {
    kind: string;
    createdBy?: string | null;
    total?: number | null;
    payload?: Record<string, unknown>;
  }): Promise<JobRecord> {
    const rows = await this.db.query<JobRow>(
      `INSERT INTO jobs (kind, created_by, total, payload) VALUES ($1, $2, $3, $4::jsonb) RETURNING ${COLUMNS}`,
      [input.kind, input.createdBy ?? null, input.total ?? null, JSON.stringify(input.payload ?? {})],
    );
    return toJob(rows[0] as JobRow);
  }

  /** The job with this id, or null (also for a malformed id). */
  async get(id: string): Promise<JobRecord | null> {
    if (validUuids([id]).length === 0) return null;
    const rows = await this.db.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id]);
    return rows[0] ? toJob(rows[0]) : null;
  }

  /**
   * Applies a patch (fields left out keep their value).
   * @throws NotFoundError (`NOT_FOUND`) for an unknown or malformed id.
   */
  async update(id: string, patch: JobPatch): Promise<JobRecord> {
    const has = (k: keyof JobPatch) => Object.prototype.hasOwnProperty.call(patch, k);
    const rows = validUuids([id]).length
      ? await this.db.query<JobRow>(
          `UPDATE jobs SET
             state = coalesce($2, state),
             progress = coalesce($3, progress),
             processed = coalesce($4, processed),
             total = CASE WHEN $5::boolean THEN $6::bigint ELSE total END,
             message = CASE WHEN $7::boolean THEN $8::text ELSE message END,
             error = CASE WHEN $9::boolean THEN $10::text ELSE error END,
             started_at = CASE WHEN $11::boolean THEN $12::timestamptz ELSE started_at END,
             finished_at = CASE WHEN $13::boolean THEN $14::timestamptz ELSE finished_at END,
             updated_at = now()
           WHERE id = $1 RETURNING ${COLUMNS}`,
          [
            id,
            patch.state ?? null,
            patch.progress ?? null,
            patch.processed ?? null,
            has('total'),
            patch.total ?? null,
            has('message'),
            patch.message ?? null,
            has('error'),
            patch.error ?? null,
            has('startedAt'),
            patch.startedAt ?? null,
            has('finishedAt'),
            patch.finishedAt ?? null,
          ],
        )
      : [];
    if (!rows[0]) throw new NotFoundError('job', id);
    return toJob(rows[0]);
  }

  /** Records progress of a running job. */
  async progress(id: string, processed: number, total: number | null, message?: string): Promise<JobRecord> {
    const progress = total && total > 0 ? Math.min(1, processed / total) : 0;
    return this.update(id, { processed, total, progress, ...(message === undefined ? {} : { message }) });
  }

  /** Atomically takes the oldest queued job (of the given kinds) and marks it running; null when none. */
  async claim(worker: string, kinds?: string[]): Promise<JobRecord | null> {
    const rows = await this.db.query<JobRow>(
      `UPDATE jobs SET state = 'running', claimed_by = $1, started_at = now(), updated_at = now()
        WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND ($2::text[] IS NULL OR kind = ANY($2::text[]))
                     ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING ${COLUMNS}`,
      [worker, kinds ?? null],
    );
    return rows[0] ? toJob(rows[0]) : null;
  }

  /**
   * Marks a job succeeded (progress 1, finished now).
   * @throws NotFoundError (`NOT_FOUND`) for an unknown id.
   */
  async complete(id: string, message?: string): Promise<JobRecord> {
    return this.update(id, {
      state: 'succeeded',
      progress: 1,
      finishedAt: new Date(),
      ...(message === undefined ? {} : { message }),
    });
  }

  /**
   * Marks a job failed (or `cancelled`) with an error message, finished now.
   * @throws NotFoundError (`NOT_FOUND`) for an unknown id.
   */
  async fail(id: string, error: string, state: 'failed' | 'cancelled' = 'failed'): Promise<JobRecord> {
    return this.update(id, { state, error, finishedAt: new Date() });
  }

  /** Jobs left `running` by a process that died are queued again (call at start-up). */
  async requeueInterrupted(): Promise<number> {
    const rows = await this.db.query(
      `UPDATE jobs SET state = 'queued', claimed_by = NULL, updated_at = now() WHERE state = 'running' RETURNING id`,
    );
    return rows.length;
  }

  /** The newest `first` jobs, optionally only of some states or one kind. */
  async list(options: { first: number; states?: JobState[]; kind?: string }): Promise<JobRecord[]> {
    const rows = await this.db.query<JobRow>(
      `SELECT ${COLUMNS} FROM jobs WHERE ($2::text[] IS NULL OR state = ANY($2::text[])) AND ($3::text IS NULL OR kind = $3)
        ORDER BY created_at DESC, id LIMIT $1`,
      [Math.max(0, options.first), options.states ?? null, options.kind ?? null],
    );
    return rows.map(toJob);
  }
}
