import type { EntityInput, KnowledgeBundle, RelationshipInput, ResourceInput } from '@rustygpt/core';
import type { Queryable } from './database';
import { ENTITY_COLUMNS, toEntity, type EntityRow } from './entity-rows';

/**
 * Exports a workspace as a knowledge bundle (the inverse of importBundle): entities ordered by
 * key, relationships by (from, to, type), resources by uri. `state` is written only when not active.
 */
export async function exportBundle(q: Queryable, workspaceId: number): Promise<KnowledgeBundle> {
  const entityRows = await q.query<EntityRow>(
    `SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.workspace_id = $1 ORDER BY e.key`,
    [workspaceId],
  );
  const entities: EntityInput[] = entityRows.map(toEntity).map((e) => ({
    key: e.key,
    type: e.type,
    name: e.name,
    aliases: e.aliases,
    attributes: e.attributes,
    ...(e.state === 'active' ? {} : { state: e.state }),
  }));
  const relRows = await q.query<{ f: string; t: string; type: string; weight: number; path: string }>(
    `SELECT a.key AS f, b.key AS t, r.type, r.weight, r.path::text AS path
       FROM relationships r JOIN entities a ON a.id = r.entity_id_1 JOIN entities b ON b.id = r.entity_id_2
      WHERE r.workspace_id = $1 ORDER BY a.key, b.key, r.type`,
    [workspaceId],
  );
  const relationships: RelationshipInput[] = relRows.map((r) => ({
    from: r.f,
    to: r.t,
    type: r.type,
    weight: Number(r.weight),
    path: r.path,
  }));
  const resRows = await q.query<{
    uri: string;
    title: string | null;
    content_type: string;
    text: string | null;
    links: [string, number][] | null;
  }>(
    `SELECT res.uri, res.title, res.content_type, res.text,
            (SELECT json_agg(json_build_array(e.key, l.confidence_score) ORDER BY e.key)
               FROM entity_resource_link l JOIN entities e ON e.id = l.entity_id WHERE l.resource_id = res.id) AS links
       FROM external_resources res WHERE res.workspace_id = $1 ORDER BY res.uri`,
    [workspaceId],
  );
  const resources: ResourceInput[] = resRows.map((r) => ({
    uri: r.uri,
    type: r.content_type,
    ...(r.title === null ? {} : { title: r.title }),
    ...(r.text === null ? {} : { text: r.text }),
    entities: (r.links ?? []).map(([key, confidence]) => ({ key, confidence: Number(confidence) })),
  }));
  return { entities, relationships, resources };
}
