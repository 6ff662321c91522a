/**
 * BM25 ranking of resource chunks in SQL (written by the models helper for retrieval): the
 * query's lexemes (english configuration, so stemmed like the chunks' tsvector) are matched
 * as an OR query through the GIN index, then scored with Okapi BM25 using each lexeme's
 * document frequency, its term frequency (positions in the tsvector, title included) and the
 * chunk length. ts_rank has no inverse document frequency, which matters for questions.
 */
import type { ChunkHit } from '@rustygpt/core';
import type { Queryable } from './database';
import { RESOURCE_COLUMNS, toResource, type ResourceRow } from './resource-rows';

/** Options of {@link searchChunksBm25}. */
export interface Bm25Options {
  /** Chunks to return (at least 1). */
  k: number;
  /** Term-frequency saturation (default 1.2). */
  k1?: number;
  /** Length normalisation, 0 (none) to 1 (full) (default 0.75). */
  b?: number;
}

/** Top-k chunks of the workspace for `query` by BM25 over chunk text plus resource title. */
export async function searchChunksBm25(
  q: Queryable,
  workspaceId: number,
  query: string,
  options: Bm25Options,
): Promise<ChunkHit[]> {
  if (query.trim() === '') return [];
  const rows = await q.query<
    ResourceRow & { chunk_id: number; chunk_index: number; chunk_text: string; score: number }
  >(
    `WITH ql AS (
        SELECT DISTINCT u.lexeme FROM unnest(to_tsvector('english', $2)) AS u
     ),
     tq AS (
        SELECT to_tsquery('english', string_agg(quote_literal(lexeme), ' | ')) AS q FROM ql
     ),
     docs AS (
        SELECT c.id, c.resource_id, c.chunk_index, c.text,
               c.tsv || to_tsvector('english', coalesce(res.title, '')) AS tsv
          FROM resource_chunks c JOIN external_resources res ON res.id = c.resource_id, tq
         WHERE res.workspace_id = $1 AND tq.q IS NOT NULL
           AND (c.tsv @@ tq.q OR to_tsvector('english', coalesce(res.title, '')) @@ tq.q)
     ),
     stats AS (
        SELECT count(*)::float8 AS n, greatest(avg(length(c.tsv)), 1)::float8 AS avgdl
          FROM resource_chunks c JOIN external_resources res ON res.id = c.resource_id
         WHERE res.workspace_id = $1
     ),
     df AS (
        SELECT ql.lexeme, count(d.id)::float8 AS n FROM ql LEFT JOIN docs d ON d.tsv @@ ql.lexeme::tsquery
         GROUP BY ql.lexeme
     ),
     scored AS (
        SELECT d.id, sum(
                 ln(1 + (stats.n - df.n + 0.5) / (df.n + 0.5))
                 * (array_length(u.positions, 1) * ($4::float8 + 1))
                 / (array_length(u.positions, 1) + $4::float8 * (1 - $5::float8 + $5::float8 * length(d.tsv) / stats.avgdl))
               ) AS score
          FROM docs d CROSS JOIN stats
          CROSS JOIN LATERAL unnest(d.tsv) AS u
          JOIN df ON df.lexeme = u.lexeme
         GROUP BY d.id
     )
     SELECT ${RESOURCE_COLUMNS}, d.id AS chunk_id, d.chunk_index, d.text AS chunk_text, s.score
       FROM scored s JOIN docs d ON d.id = s.id JOIN external_resources res ON res.id = d.resource_id
      ORDER BY s.score DESC, d.id
      LIMIT $3`,
    [workspaceId, query, Math.max(1, Math.trunc(options.k)), options.k1 ?? 1.2, options.b ?? 0.75],
  );
  return rows.map((r) => ({
    resource: toResource(r),
    chunkIndex: Number(r.chunk_index),
    text: r.chunk_text,
    score: Number(r.score),
  }));
}
