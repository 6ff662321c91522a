/**
 * How alike two entities are, and whether that makes them duplicates: normalised name and alias
 * overlap, embedding cosine when vectors exist, and shared attribute values. Homonyms (same name,
 * different type, or conflicting single-valued attributes) are never duplicates, whatever the score.
 */
import { normalizeText, tokenize, type AttributeScalar, type AttributeValue } from '@rustygpt/core';

/** What dedup compares: an existing entity or a staged mention. */
export interface EntityProfile {
  type: string;
  name: string;
  aliases: string[];
  attributes: Record<string, AttributeValue>;
}

/** Score thresholds: at or above `autoMerge` merge at once, at or above `review` ask a human. */
export interface DedupThresholds {
  autoMerge: number;
  review: number;
}

/** Defaults chosen so an exact name plus agreeing evidence auto-merges, a name alone goes to review. */
export const DEFAULT_DEDUP_THRESHOLDS: DedupThresholds = { autoMerge: 0.9, review: 0.6 };

export type NameMatch = 'name' | 'alias' | 'tokens' | 'none';

/** The evidence behind a dedup decision (stored as the candidate's reason). */
export interface Comparison {
  score: number;
  nameMatch: NameMatch;
  nameScore: number;
  cosine: number | null;
  attributeScore: number | null;
  sharedAttributes: string[];
  conflicts: string[];
  /** Same name but a different type or conflicting attributes: must not be merged. */
  homonym: boolean;
  reason: string;
}

/**
 * What to do with a compared pair: `merge` automatically (score at least `autoMerge`), queue it
 * for `review` (at least `review`), or keep the two `separate` (below, or a homonym).
 */
export type DedupDecision = 'merge' | 'review' | 'separate';

function names(p: EntityProfile): Set<string> {
  return new Set([p.name, ...p.aliases].map(normalizeText).filter((n) => n !== ''));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return shared / (a.size + b.size - shared);
}

function scalarKey(v: AttributeScalar): string {
  if (typeof v === 'string') return `s:${normalizeText(v)}`;
  if (typeof v === 'number') return `n:${Number.isFinite(v) ? Number(v.toPrecision(9)) : String(v)}`;
  return `b:${String(v)}`;
}

function valueSet(v: AttributeValue): Set<string> {
  return new Set((Array.isArray(v) ? v : [v]).map(scalarKey));
}

/** Name evidence: same normalised name (1), a name matching the other's alias (0.85), shared name words (Jaccard x 0.7). */
export function compareNames(a: EntityProfile, b: EntityProfile): { match: NameMatch; score: number } {
  const na = normalizeText(a.name);
  const nb = normalizeText(b.name);
  if (na !== '' && na === nb) return { match: 'name', score: 1 };
  const all = names(b);
  const allA = names(a);
  for (const n of allA) if (all.has(n)) return { match: 'alias', score: 0.85 };
  const t = jaccard(new Set(tokenize(a.name)), new Set(tokenize(b.name)));
  return t > 0 ? { match: 'tokens', score: 0.7 * t } : { match: 'none', score: 0 };
}

/** Attribute evidence: share of common attributes whose values agree; single values that differ are conflicts. */
export function compareAttributes(
  a: EntityProfile,
  b: EntityProfile,
): { score: number | null; shared: string[]; conflicts: string[] } {
  const common = Object.keys(a.attributes).filter((k) => k in b.attributes);
  if (common.length === 0) return { score: null, shared: [], conflicts: [] };
  const shared: string[] = [];
  const conflicts: string[] = [];
  for (const k of common.sort()) {
    const va = a.attributes[k] as AttributeValue;
    const vb = b.attributes[k] as AttributeValue;
    const sa = valueSet(va);
    const sb = valueSet(vb);
    const overlap = [...sa].some((x) => sb.has(x));
    if (overlap) shared.push(k);
    else if (!Array.isArray(va) && !Array.isArray(vb)) conflicts.push(k);
  }
  return { score: shared.length / common.length, shared, conflicts };
}

/**
 * Compares two profiles. The score is a weighted mean of the evidence present (name 0.5, cosine
 * 0.3, attributes 0.2, renormalised over what exists; x0.8 when the name is the only evidence);
 * homonyms are flagged and score 0.
 */
export function compareEntities(
  a: EntityProfile,
  b: EntityProfile,
  cosine: number | null = null,
): Comparison {
  const name = compareNames(a, b);
  const attrs = compareAttributes(a, b);
  const cos = cosine !== null && Number.isFinite(cosine) ? Math.max(-1, Math.min(1, cosine)) : null;
  const sameType = normalizeText(a.type) === normalizeText(b.type);
  const homonym =
    name.match !== 'none' && name.match !== 'tokens' && (!sameType || attrs.conflicts.length > 0);
  const parts: [number, number][] = [[name.score, 0.5]];
  if (cos !== null) parts.push([Math.max(0, cos), 0.3]);
  if (attrs.score !== null) parts.push([attrs.score, 0.2]);
  const weight = parts.reduce((s, [, w]) => s + w, 0);
  let score = parts.reduce((s, [v, w]) => s + v * w, 0) / weight;
  // A name alone is never enough to merge automatically: it needs a vector or attributes agreeing.
  if (parts.length === 1) score *= 0.8;
  if (!sameType || attrs.conflicts.length > 0) score = homonym ? 0 : score * 0.5;
  const reasons = [`name:${name.match}`];
  if (cos !== null) reasons.push(`cosine:${cos.toFixed(3)}`);
  if (attrs.shared.length > 0) reasons.push(`shared:${attrs.shared.join(',')}`);
  if (!sameType) reasons.push(`type:${a.type}/${b.type}`);
  if (attrs.conflicts.length > 0) reasons.push(`conflicts:${attrs.conflicts.join(',')}`);
  if (homonym) reasons.push('homonym');
  return {
    score: Math.round(score * 1e4) / 1e4,
    nameMatch: name.match,
    nameScore: name.score,
    cosine: cos,
    attributeScore: attrs.score,
    sharedAttributes: attrs.shared,
    conflicts: attrs.conflicts,
    homonym,
    reason: reasons.join(' '),
  };
}

/** Turns a comparison into a decision; homonyms are always kept separate. */
export function decide(
  comparison: Comparison,
  thresholds: DedupThresholds = DEFAULT_DEDUP_THRESHOLDS,
): DedupDecision {
  if (comparison.homonym) return 'separate';
  if (comparison.score >= thresholds.autoMerge) return 'merge';
  if (comparison.score >= thresholds.review) return 'review';
  return 'separate';
}

/** Validates thresholds (0 <= review <= autoMerge <= 1). */
export function assertThresholds(t: DedupThresholds): DedupThresholds {
  if (!(t.review >= 0 && t.autoMerge <= 1 && t.review <= t.autoMerge)) {
    throw new RangeError('dedup thresholds must satisfy 0 <= review <= autoMerge <= 1');
  }
  return t;
}
