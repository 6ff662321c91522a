import type { ExternalResource } from '@rustygpt/core';

export interface ResourceRow {
  id: number;
  workspace_id: number;
  uri: string;
  title: string | null;
  content_type: string;
  text: string | null;
  content_hash: string | null;
  fetched_at: Date | null;
}

/** Select list for a resource row (alias `res`). */
export const RESOURCE_COLUMNS =
  'res.id, res.workspace_id, res.uri, res.title, res.content_type, res.text, res.content_hash, res.fetched_at';

export function toResource(row: ResourceRow): ExternalResource {
  return {
    id: Number(row.id),
    workspaceId: Number(row.workspace_id),
    uri: row.uri,
    title: row.title,
    contentType: row.content_type,
    text: row.text,
    contentHash: row.content_hash,
    fetchedAt: row.fetched_at ? new Date(row.fetched_at) : null,
  };
}
