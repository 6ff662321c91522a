import { createHash } from 'node:crypto';
import type { ExternalResource, ResourceInput } from '@rustygpt/core';
import { chunkText } from './chunking';
import type { Queryable } from './database';
import type { UpsertOutcome } from './entity-writes';
import { RESOURCE_COLUMNS, toResource, type ResourceRow } from './resource-rows';

/** A resource input whose entity keys are resolved to ids. */
export interface ResolvedResource {
  input: ResourceInput;
  links: { entityId: number; confidence: number }[] | undefined;
}

/** sha256 of a resource's text (hex), what decides whether chunks must be rebuilt. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Upserts resources by (workspace, uri) in bulk: changed text re-chunks the resource; given entity
 * links replace the resource's links. Returns each resource with what happened to it.
 */
export async function writeResources(
  q: Queryable,
  workspaceId: number,
  resources: ResolvedResource[],
): Promise<{ resource: ExternalResource; outcome: UpsertOutcome }[]> {
  if (resources.length === 0) return [];
  const rows = resources.map(({ input }) => ({
    uri: input.uri,
    title: input.title ?? null,
    ct: input.type ?? 'text/plain',
    text: input.text ?? null,
    h: input.text === undefined ? null : contentHash(input.text),
  }));
  const before = new Map(
    (
      await q.query<{ uri: string; content_hash: string | null; links: [number, number][] | null }>(
        `SELECT res.uri, res.content_hash,
                (SELECT json_agg(json_build_array(l.entity_id, l.confidence_score) ORDER BY l.entity_id)
                   FROM entity_resource_link l WHERE l.resource_id = res.id) AS links
           FROM external_resources res WHERE res.workspace_id = $1 AND res.uri = ANY($2::text[])`,
        [workspaceId, rows.map((r) => r.uri)],
      )
    ).map((r) => [r.uri, r] as const),
  );
  const upserted = await q.query<ResourceRow & { inserted: boolean }>(
    `INSERT INTO external_resources AS res (workspace_id, uri, title, content_type, text, content_hash)
     SELECT $1, x.uri, x.title, x.ct, x.text, x.h FROM jsonb_to_recordset($2::jsonb) AS x(uri text, title text, ct text, text text, h text)
     ON CONFLICT (workspace_id, uri) DO UPDATE
       SET title = EXCLUDED.title, content_type = EXCLUDED.content_type, text = EXCLUDED.text,
           content_hash = EXCLUDED.content_hash, updated_at = now()
       WHERE (res.title, res.content_type, res.text, res.content_hash)
             IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.content_type, EXCLUDED.text, EXCLUDED.content_hash)
     RETURNING ${RESOURCE_COLUMNS}, (xmax = 0) AS inserted`,
    [workspaceId, JSON.stringify(rows)],
  );
  const all = new Map<string, { resource: ExternalResource; outcome: UpsertOutcome }>();
  for (const row of upserted)
    all.set(row.uri, { resource: toResource(row), outcome: row.inserted ? 'created' : 'updated' });
  const untouched = rows.filter((r) => !all.has(r.uri)).map((r) => r.uri);
  if (untouched.length > 0) {
    const rest = await q.query<ResourceRow>(
      `SELECT ${RESOURCE_COLUMNS} FROM external_resources res WHERE res.workspace_id = $1 AND res.uri = ANY($2::text[])`,
      [workspaceId, untouched],
    );
    for (const row of rest) all.set(row.uri, { resource: toResource(row), outcome: 'unchanged' });
  }

  // Chunks: rebuilt for resources whose text changed.
  const rechunk = rows.filter((r) => before.get(r.uri)?.content_hash !== r.h || !before.has(r.uri));
  if (rechunk.length > 0) {
    const ids = rechunk.map((r) => (all.get(r.uri) as { resource: ExternalResource }).resource.id);
    await q.query('DELETE FROM resource_chunks WHERE resource_id = ANY($1::bigint[])', [ids]);
    const chunks = rechunk.flatMap((r, i) =>
      (r.text ? chunkText(r.text) : []).map((text, c) => ({ r: ids[i], c, text })),
    );
    if (chunks.length > 0) {
      await q.query(
        `INSERT INTO resource_chunks (resource_id, chunk_index, text)
         SELECT x.r, x.c, x.text FROM jsonb_to_recordset($1::jsonb) AS x(r bigint, c integer, text text)`,
        [JSON.stringify(chunks)],
      );
    }
  }

  // Links: replaced where given; a changed link set makes an unchanged resource "updated".
  const linkRows: { e: number; r: number; c: number }[] = [];
  const relink: number[] = [];
  resources.forEach(({ input, links }) => {
    if (!links) return;
    const entry = all.get(input.uri) as { resource: ExternalResource; outcome: UpsertOutcome };
    const wanted = [...new Map(links.map((l) => [l.entityId, l.confidence])).entries()].sort(
      (a, b) => a[0] - b[0],
    );
    const had = (before.get(input.uri)?.links ?? []).map(([e, c]) => [Number(e), Math.fround(Number(c))]);
    const same =
      had.length === wanted.length &&
      wanted.every(([e, c], i) => had[i]?.[0] === e && had[i]?.[1] === Math.fround(c));
    if (same) return;
    relink.push(entry.resource.id);
    for (const [e, c] of wanted) linkRows.push({ e, r: entry.resource.id, c });
    if (entry.outcome === 'unchanged') entry.outcome = 'updated';
  });
  if (relink.length > 0) {
    await q.query('DELETE FROM entity_resource_link WHERE resource_id = ANY($1::bigint[])', [relink]);
    if (linkRows.length > 0) {
      await q.query(
        `INSERT INTO entity_resource_link (entity_id, resource_id, confidence_score)
         SELECT x.e, x.r, x.c FROM jsonb_to_recordset($1::jsonb) AS x(e bigint, r bigint, c real)`,
        [JSON.stringify(linkRows)],
      );
    }
  }
  return rows.map((r) => all.get(r.uri) as { resource: ExternalResource; outcome: UpsertOutcome });
}
