/** SQL of resumable jobs: finding an interrupted run and checkpointing progress with each batch. */
import type { Queryable } from '@rustygpt/store';

/** An interrupted run of a job (same kind and parameters) with its checkpoint. */
export interface Resumable {
  id: string;
  cursor: number;
  processed: number;
  counts: Record<string, number>;
}

/** The latest unfinished run of `kind` with these parameters (`key`), if any. */
export async function findResumable(q: Queryable, kind: string, key: string): Promise<Resumable | null> {
  const rows = await q.query<{
    id: string;
    payload: { cursor?: number; counts?: Record<string, number> };
    processed: number;
  }>(
    `SELECT id, payload, processed FROM jobs
      WHERE kind = $1 AND payload->>'key' = $2 AND state IN ('queued', 'running', 'failed', 'cancelled')
      ORDER BY created_at DESC LIMIT 1`,
    [kind, key],
  );
  const r = rows[0];
  if (!r) return null;
  const payload = typeof r.payload === 'string' ? (JSON.parse(r.payload) as typeof r.payload) : r.payload;
  return {
    id: r.id,
    cursor: Number(payload.cursor ?? 0),
    processed: Number(r.processed),
    counts: payload.counts ?? {},
  };
}

/** Saves progress in the same transaction as the batch it follows, so a crash never loses or repeats a batch. */
export async function checkpoint(
  q: Queryable,
  id: string,
  cursor: number,
  processed: number,
  total: number | null,
  counts: Record<string, number>,
  message: string,
): Promise<void> {
  await q.query(
    `UPDATE jobs SET payload = payload || jsonb_build_object('cursor', $2::bigint, 'counts', $3::jsonb),
            processed = $4::bigint, total = $5::bigint, progress = CASE WHEN $5::bigint > 0 THEN least(1, $4::bigint::float8 / $5::bigint) ELSE 0 END,
            message = $6, state = 'running', updated_at = now()
      WHERE id = $1`,
    [id, cursor, JSON.stringify(counts), processed, total, message],
  );
}
