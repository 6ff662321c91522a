import type { Database } from '../database';

/** What an embedding job embeds: an entity's document or a resource chunk. */
export type EmbeddingTarget = 'entity' | 'chunk';

/** One unit of (re-)embedding work. */
export interface EmbeddingJob {
  id: number;
  modelId: number;
  targetKind: EmbeddingTarget;
  targetId: number;
  contentHash: string | null;
  attempts: number;
}

interface Row {
  id: number;
  model_id: number;
  target_kind: EmbeddingTarget;
  target_id: number;
  content_hash: string | null;
  attempts: number;
}

const toJob = (r: Row): EmbeddingJob => ({
  id: Number(r.id),
  modelId: Number(r.model_id),
  targetKind: r.target_kind,
  targetId: Number(r.target_id),
  contentHash: r.content_hash,
  attempts: Number(r.attempts),
});

/**
 * The resumable queue of embedding work: enqueue targets whose content changed, claim batches,
 * mark them done. A crash leaves claimed rows `running`; `resume` puts them back in the queue.
 */
export class EmbeddingJobRepository {
  constructor(private readonly db: Database) {}

  /** Queues targets (re-queues done ones whose content hash changed); returns how many are queued now. */
  async enqueue(
    modelId: number,
    kind: EmbeddingTarget,
    targets: { id: number; contentHash: string | null }[],
  ): Promise<number> {
    if (targets.length === 0) return 0;
    // One row per target: the upsert may not touch a row twice in a statement (the last hash wins).
    const hashes = new Map(targets.map((t) => [t.id, t.contentHash]));
    const rows = await this.db.query(
      `INSERT INTO embedding_jobs AS j (model_id, target_kind, target_id, content_hash)
       SELECT $1, $2, x.id, x.h FROM jsonb_to_recordset($3::jsonb) AS x(id bigint, h text)
       ON CONFLICT (model_id, target_kind, target_id) DO UPDATE
         SET content_hash = EXCLUDED.content_hash, state = 'queued', attempts = 0, error = NULL, updated_at = now()
         WHERE j.state <> 'queued' AND (j.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR j.state = 'failed')
       RETURNING j.id`,
      [modelId, kind, JSON.stringify([...hashes].map(([id, h]) => ({ id, h })))],
    );
    return rows.length;
  }

  /** Takes up to `limit` queued jobs of a model and marks them running. */
  async claim(modelId: number, limit: number): Promise<EmbeddingJob[]> {
    const rows = await this.db.query<Row>(
      `UPDATE embedding_jobs SET state = 'running', attempts = attempts + 1, updated_at = now()
        WHERE id IN (SELECT id FROM embedding_jobs WHERE model_id = $1 AND state = 'queued' ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, model_id, target_kind, target_id, content_hash, attempts`,
      [modelId, Math.max(1, limit)],
    );
    return rows.map(toJob).sort((a, b) => a.id - b.id);
  }

  /** Marks jobs done (their vectors are stored). */
  async markDone(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE embedding_jobs SET state = 'done', error = NULL, updated_at = now() WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }

  /** Marks jobs failed with an error message; a later `enqueue` of the same targets queues them again. */
  async markFailed(ids: number[], error: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE embedding_jobs SET state = 'failed', error = $2, updated_at = now() WHERE id = ANY($1::bigint[])`,
      [ids, error],
    );
  }

  /** Puts jobs left running by an interrupted worker back in the queue. */
  async resume(modelId: number): Promise<number> {
    const rows = await this.db.query(
      `UPDATE embedding_jobs SET state = 'queued', updated_at = now() WHERE model_id = $1 AND state = 'running' RETURNING id`,
      [modelId],
    );
    return rows.length;
  }

  /** Counts per state for a model (progress reporting). */
  async counts(modelId: number): Promise<Record<'queued' | 'running' | 'done' | 'failed', number>> {
    const rows = await this.db.query<{ state: 'queued' | 'running' | 'done' | 'failed'; n: number }>(
      'SELECT state, count(*)::int AS n FROM embedding_jobs WHERE model_id = $1 GROUP BY state',
      [modelId],
    );
    const out = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const r of rows) out[r.state] = Number(r.n);
    return out;
  }
}
