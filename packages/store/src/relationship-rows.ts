import type { Relationship } from '@rustygpt/core';

export interface RelationshipRow {
  id: number;
  entity_id_1: number;
  entity_id_2: number;
  type: string;
  weight: number;
  path: string;
}

/** Select list for a relationship row (alias `r`). */
export const RELATIONSHIP_COLUMNS =
  'r.id, r.entity_id_1, r.entity_id_2, r.type, r.weight, r.path::text AS path';

export function toRelationship(row: RelationshipRow): Relationship {
  return {
    id: Number(row.id),
    fromId: Number(row.entity_id_1),
    toId: Number(row.entity_id_2),
    type: row.type,
    weight: Number(row.weight),
    path: row.path,
  };
}
