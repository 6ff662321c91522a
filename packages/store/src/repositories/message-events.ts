import type { Database } from '../database';
import { validUuids } from './users';

/** One event of a streamed answer, numbered by `seq` within its message. */
export interface MessageEventRecord {
  seq: number;
  kind: string;
  payload: unknown;
}

/** Persisted stream events, so a client that reconnects can resume after the last `seq` it saw. */
export class MessageEventRepository {
  constructor(private readonly db: Database) {}

  /** Appends events (seq already assigned) in one statement; a repeated seq is ignored. */
  async append(messageId: string, events: MessageEventRecord[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.query(
      `INSERT INTO message_events (message_id, seq, kind, payload)
       SELECT $1, x.seq, x.kind, coalesce(x.payload, 'null'::jsonb) FROM jsonb_to_recordset($2::jsonb) AS x(seq integer, kind text, payload jsonb)
       ON CONFLICT (message_id, seq) DO NOTHING`,
      [
        messageId,
        JSON.stringify(events.map((e) => ({ seq: e.seq, kind: e.kind, payload: e.payload ?? null }))),
      ],
    );
  }

  /** Events with seq greater than `afterSeq`, in order. */
  async list(messageId: string, afterSeq = -1, limit = 10_000): Promise<MessageEventRecord[]> {
    if (validUuids([messageId]).length === 0) return [];
    const rows = await this.db.query<{ seq: number; kind: string; payload: unknown }>(
      'SELECT seq, kind, payload FROM message_events WHERE message_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [messageId, afterSeq, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, payload: r.payload }));
  }
}
