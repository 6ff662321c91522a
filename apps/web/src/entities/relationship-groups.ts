/** A relationship as the entity page lists it. */
export interface RelationshipRow {
  id: string;
  type: string;
  path: string;
  weight: number;
  from: { id: string; name: string } | null;
  to: { id: string; name: string } | null;
}

/** Relationships of one direction and type. */
export interface RelationshipGroup {
  direction: 'out' | 'in';
  type: string;
  rows: { id: string; other: { id: string; name: string } | null; weight: number; path: string }[];
}

/** Groups an entity's relationships by direction (outgoing first) and type, heaviest first. */
export function groupRelationships(entityId: string, rows: readonly RelationshipRow[]): RelationshipGroup[] {
  const groups = new Map<string, RelationshipGroup>();
  for (const row of rows) {
    const direction = row.from?.id === entityId ? 'out' : 'in';
    const other = direction === 'out' ? row.to : row.from;
    const key = `${direction}:${row.type}`;
    let group = groups.get(key);
    if (!group) {
      group = { direction, type: row.type, rows: [] };
      groups.set(key, group);
    }
    group.rows.push({ id: row.id, other, weight: row.weight, path: row.path });
  }
  for (const group of groups.values()) group.rows.sort((a, b) => b.weight - a.weight);
  return [...groups.values()].sort((a, b) =>
    a.direction === b.direction ? a.type.localeCompare(b.type) : a.direction === 'out' ? -1 : 1,
  );
}
