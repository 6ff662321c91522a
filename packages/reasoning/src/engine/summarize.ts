/**
 * Compact, JSON-safe summaries of node inputs and outputs for traces: enough to redraw and
 * debug a run without storing whole entities or passages.
 */

const MAX_ITEMS = 5;
const MAX_STRING = 160;
const MAX_DEPTH = 3;

/** A JSON-safe, size-bounded rendering of any value. */
export function summarizeValue(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value === 'number')
    return Number.isFinite(value) ? Math.round(value * 1e4) / 1e4 : String(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Float32Array) return `vector(${value.length})`;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? `[${value.length} items]` : '{…}';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => summarizeValue(v, depth + 1));
    return value.length > MAX_ITEMS ? { count: value.length, first: items } : items;
  }
  if (value instanceof Map || value instanceof Set) return `${value.constructor.name}(${value.size})`;
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const entries = Object.entries(value as Record<string, unknown>);
    for (const [k, v] of entries.slice(0, 12)) {
      if (typeof v === 'function') continue;
      out[k] = summarizeValue(v, depth + 1);
    }
    if (entries.length > 12) out['…'] = `${entries.length - 12} more keys`;
    return out;
  }
  return String(value);
}

/** Summaries of the given keys of a state object. */
export function summarizeKeys(state: object, keys: readonly PropertyKey[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const record = state as Record<PropertyKey, unknown>;
  for (const key of keys) out[String(key)] = summarizeValue(record[key]);
  return out;
}
