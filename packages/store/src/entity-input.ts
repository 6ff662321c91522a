import {
  ValidationError,
  normalizeText,
  type AttributeScalar,
  type AttributeValue,
  type Entity,
  type EntityInput,
  type EntityState,
} from '@rustygpt/core';

/** The full desired state of an entity, normalised so equal states compare equal. */
export interface EntitySnapshot {
  key: string;
  type: string;
  name: string;
  state: EntityState;
  aliases: string[];
  attributes: Record<string, AttributeValue>;
}

const STATES: readonly EntityState[] = ['active', 'inactive', 'archived'];

function checkScalar(value: unknown, where: string): AttributeScalar {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError('attribute numbers must be finite', where);
    return Object.is(value, -0) ? 0 : value;
  }
  throw new ValidationError('attribute values are strings, numbers, booleans or arrays of them', where);
}

/**
 * Aliases as stored: trimmed, de-duplicated by normalised form, without the name itself and
 * without entries that normalise to nothing.
 */
export function normalizeAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set<string>([normalizeText(name)]);
  const out: string[] = [];
  for (const alias of aliases) {
    const trimmed = alias.trim();
    const n = normalizeText(trimmed);
    if (n === '' || seen.has(n)) continue;
    seen.add(n);
    out.push(trimmed);
  }
  return out;
}

/**
 * Attributes as stored: keys sorted, list values de-duplicated (first occurrence wins), empty lists
 * dropped (an attribute with no values is absent), -0 folded to 0.
 */
export function normalizeAttributes(
  attributes: Readonly<Record<string, AttributeValue>>,
  where = '$.attributes',
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const name of Object.keys(attributes).sort()) {
    if (name.trim() === '') throw new ValidationError('attribute names must not be empty', where);
    const value = attributes[name] as AttributeValue;
    const at = `${where}.${name}`;
    if (Array.isArray(value)) {
      const seen = new Set<string>();
      const list: AttributeScalar[] = [];
      value.forEach((v, i) => {
        const s = checkScalar(v, `${at}[${i}]`);
        const k = JSON.stringify(s);
        if (!seen.has(k)) {
          seen.add(k);
          list.push(s);
        }
      });
      if (list.length > 0) out[name] = list;
    } else {
      out[name] = checkScalar(value, at);
    }
  }
  return out;
}

/** The snapshot an entity currently has. */
export function snapshotOf(entity: Entity): EntitySnapshot {
  return {
    key: entity.key,
    type: entity.type,
    name: entity.name,
    state: entity.state,
    aliases: entity.aliases,
    attributes: normalizeAttributes(entity.attributes),
  };
}

/**
 * The state an upsert asks for: fields left out keep their current value (`aliases`,
 * `attributes`, `state`), so a partial input never wipes data by accident.
 */
export function desiredSnapshot(
  input: EntityInput,
  current: EntitySnapshot | null,
  where = '$',
): EntitySnapshot {
  if (typeof input.key !== 'string' || input.key.trim() === '')
    throw new ValidationError('key must be a non-empty string', `${where}.key`);
  if (typeof input.type !== 'string' || input.type.trim() === '')
    throw new ValidationError('type must be a non-empty string', `${where}.type`);
  if (typeof input.name !== 'string' || input.name.trim() === '')
    throw new ValidationError('name must be a non-empty string', `${where}.name`);
  if (input.state !== undefined && !STATES.includes(input.state)) {
    throw new ValidationError(`state must be one of ${STATES.join(', ')}`, `${where}.state`);
  }
  const name = input.name.trim();
  return {
    key: input.key,
    type: input.type.trim(),
    name,
    state: input.state ?? current?.state ?? 'active',
    aliases: input.aliases
      ? normalizeAliases(name, input.aliases)
      : current
        ? normalizeAliases(name, current.aliases)
        : [],
    attributes: input.attributes
      ? normalizeAttributes(input.attributes, `${where}.attributes`)
      : (current?.attributes ?? {}),
  };
}

/** Which parts differ between two snapshots (empty when equal). */
export function changedParts(before: EntitySnapshot, after: EntitySnapshot): string[] {
  const parts: string[] = [];
  if (before.type !== after.type) parts.push('type');
  if (before.name !== after.name) parts.push('name');
  if (before.state !== after.state) parts.push('state');
  if (JSON.stringify(before.aliases) !== JSON.stringify(after.aliases)) parts.push('aliases');
  if (JSON.stringify(before.attributes) !== JSON.stringify(after.attributes)) parts.push('attributes');
  return parts;
}
