/**
 * Resumable lifecycle jobs. Work goes in small batches keyed by a cursor; each batch commits in
 * its own short transaction together with the job's checkpoint, so queries never wait long, a
 * crash loses at most the batch in flight (rolled back), and a restart resumes after the last
 * committed batch instead of starting over.
 */
import { throwIfAborted, RustyError } from '@rustygpt/core';
import { JobRepository, type Database, type Queryable } from '@rustygpt/store';
import { checkpoint, findResumable } from './sql/jobs';

/** What one batch did. */
export interface BatchOutcome {
  /** Where the next batch starts. */
  cursor: number;
  /** Units of work done by this batch (entities scanned, checks run). */
  processed: number;
  /** Counters to add up (e.g. `{ archived: 3 }`). */
  counts?: Record<string, number>;
  done: boolean;
}

/** A job the runner can resume: a kind, a key naming its parameters, and a batch function. */
export interface ResumableJob {
  kind: string;
  /** Identity of the parameters: a run resumes only a run with the same key. */
  key: string;
  /** Units of work in all (for progress), or null when unknown. */
  total(db: Database): Promise<number | null>;
  /** Does one batch from `cursor`, inside the transaction that also stores the checkpoint. */
  batch(tx: Queryable, cursor: number): Promise<BatchOutcome>;
}

/** Progress of a job, for progress bars and the API's jobProgress. */
export interface JobProgress {
  jobId: string;
  kind: string;
  processed: number;
  total: number | null;
  counts: Record<string, number>;
  message: string;
}

/** Options of {@link runResumable}. */
export interface RunJobOptions {
  /** Called at start and after each committed batch. */
  onProgress?: (p: JobProgress) => void;
  /** Stops before the next batch; the job is marked cancelled and keeps its checkpoint. */
  signal?: AbortSignal;
  /** Resume an interrupted run with the same key (default true). */
  resume?: boolean;
  /** User id recorded on a newly created job row. */
  createdBy?: string | null;
  /** Run under this existing job row (the API's job runner made it) instead of creating one. */
  jobId?: string;
}

/** What a finished job reports. */
export interface JobReport {
  jobId: string;
  resumed: boolean;
  processed: number;
  counts: Record<string, number>;
}

function add(a: Record<string, number>, b: Record<string, number> | undefined): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b ?? {})) out[k] = (out[k] ?? 0) + v;
  return out;
}

const describe = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/** Runs (or resumes) a job to the end; on error or abort the job is marked and its checkpoint kept. */
export async function runResumable(
  db: Database,
  job: ResumableJob,
  options: RunJobOptions = {},
): Promise<JobReport> {
  const jobs = new JobRepository(db);
  const previous =
    options.resume === false || options.jobId ? null : await findResumable(db, job.kind, job.key);
  let id: string;
  let cursor = 0;
  let processed = 0;
  let counts: Record<string, number> = {};
  if (previous) {
    ({ id, cursor, processed, counts } = previous);
  } else if (options.jobId) {
    id = options.jobId;
    await db.query(`UPDATE jobs SET payload = payload || jsonb_build_object('key', $2::text) WHERE id = $1`, [
      id,
      job.key,
    ]);
  } else {
    id = (
      await jobs.create({ kind: job.kind, createdBy: options.createdBy ?? null, payload: { key: job.key } })
    ).id;
  }
  await jobs.update(id, { state: 'running', startedAt: new Date(), error: null });
  const total = await job.total(db);
  const report = (message: string) =>
    options.onProgress?.({ jobId: id, kind: job.kind, processed, total, counts, message });
  report(previous ? `resumed at ${cursor}` : 'started');
  try {
    for (;;) {
      throwIfAborted(options.signal);
      const outcome = await db.transaction(async (tx) => {
        const o = await job.batch(tx, cursor);
        const nextCounts = add(counts, o.counts);
        await checkpoint(tx, id, o.cursor, processed + o.processed, total, nextCounts, describe(nextCounts));
        return { o, nextCounts };
      });
      cursor = outcome.o.cursor;
      processed += outcome.o.processed;
      counts = outcome.nextCounts;
      report(describe(counts));
      if (outcome.o.done) break;
      // Let queries waiting on the connection go first.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    const cancelled = options.signal?.aborted === true;
    await jobs
      .fail(
        id,
        error instanceof RustyError ? error.message : 'job failed',
        cancelled ? 'cancelled' : 'failed',
      )
      .catch(() => undefined);
    throw error;
  }
  await jobs.complete(id, describe(counts) || 'nothing to do');
  return { jobId: id, resumed: previous !== null, processed, counts };
}
