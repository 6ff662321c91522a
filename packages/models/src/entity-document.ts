/**
 * The canonical text of an entity that gets embedded: name, type, aliases, attributes and its
 * strongest relationships, in a fixed order, plus the sha256 of that text. Re-embedding is
 * incremental because an entity is re-embedded only when this hash changes.
 */
import type { AttributeValue, Entity, Neighbour } from '@rustygpt/core';
import { contentHash } from './batching-embedder';

/** One relationship as the document shows it. */
export interface DocumentRelation {
  type: string;
  /** `out`: entity -type-> other; `in`: other -type-> entity. */
  direction: 'out' | 'in';
  otherName: string;
  weight: number;
}

/** The text embedded for an entity, from {@link entityDocument}. */
export interface EntityDocument {
  /** `Name (type)`, then aliases, one line per attribute and per relationship. */
  text: string;
  /** sha256 (hex) of `text`. */
  contentHash: string;
}

/** Relationships kept in a document (the strongest ones). */
export const MAX_DOCUMENT_RELATIONS = 8;
const MAX_VALUE_CHARS = 200;

function humanise(type: string): string {
  return type.replace(/[_.]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function formatValue(value: AttributeValue): string {
  const text = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Converts store neighbours to document relations. */
export function relationsFromNeighbours(neighbours: readonly Neighbour[]): DocumentRelation[] {
  return neighbours.map((n) => ({
    type: n.relationship.type,
    direction: n.direction,
    otherName: n.entity.name,
    weight: n.relationship.weight,
  }));
}

/**
 * Builds the canonical document. Deterministic: the same entity and relationships give the
 * same text whatever order they arrive in; volatile fields (ids, timestamps, version) are left out.
 */
export function entityDocument(
  entity: Pick<Entity, 'name' | 'type' | 'aliases' | 'attributes'>,
  strongestRelationships: readonly DocumentRelation[] = [],
): EntityDocument {
  const lines: string[] = [`${entity.name} (${humanise(entity.type)})`];
  const aliases = [
    ...new Set(entity.aliases.map((a) => a.trim()).filter((a) => a !== '' && a !== entity.name)),
  ].sort(byText);
  if (aliases.length > 0) lines.push(`Also known as: ${aliases.join('; ')}`);
  for (const key of Object.keys(entity.attributes).sort(byText)) {
    const value = entity.attributes[key];
    if (value === undefined) continue;
    const text = formatValue(value);
    if (text !== '') lines.push(`${humanise(key)}: ${text}`);
  }
  const relations = [...strongestRelationships]
    .sort(
      (a, b) =>
        b.weight - a.weight ||
        byText(a.type, b.type) ||
        byText(a.direction, b.direction) ||
        byText(a.otherName, b.otherName),
    )
    .slice(0, MAX_DOCUMENT_RELATIONS);
  for (const r of relations) {
    lines.push(
      r.direction === 'out'
        ? `${entity.name} ${humanise(r.type)} ${r.otherName}`
        : `${r.otherName} ${humanise(r.type)} ${entity.name}`,
    );
  }
  const text = lines.join('\n');
  return { text, contentHash: contentHash(text) };
}
