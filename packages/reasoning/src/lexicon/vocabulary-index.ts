/**
 * Matches the words of a question to the vocabulary present in the store: relationship types,
 * attribute names and entity types. Terms are split into words and stemmed; relationship
 * types also contribute the labels of their ltree path. Nothing here knows any domain.
 */
import type { Vocabulary } from '@rustygpt/core';
import type { TermMatch } from '../state';
import { FUNCTION_WORDS } from './function-words';
import { stem } from './stem';

export type TermKind = 'relationType' | 'attribute' | 'entityType';

/** A vocabulary name prepared for matching. */
export interface Term {
  kind: TermKind;
  name: string;
  /** Stems of the name's content words (all must match for a full score). */
  stems: string[];
  /** Stems of related words (path labels): a match counts half. */
  extra: string[];
  count: number;
}

/** Splits a vocabulary name (`atomic_mass`, `discoveredBy`, `chem.discovery`) into lower-case words. */
export function termWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** The store's vocabulary, prepared for lexical matching. */
export class VocabularyIndex {
  readonly terms: Term[];

  constructor(readonly vocabulary: Vocabulary) {
    const terms: Term[] = [];
    for (const r of vocabulary.relationshipTypes) {
      const own = contentStems(r.type);
      const pathLabels = r.path
        .split('.')
        .filter((label) => label !== r.type)
        .flatMap((label) => contentStems(label));
      terms.push({
        kind: 'relationType',
        name: r.type,
        stems: own,
        extra: pathLabels.filter((s) => !own.includes(s)),
        count: r.count,
      });
    }
    for (const a of vocabulary.attributeNames) {
      terms.push({ kind: 'attribute', name: a.name, stems: contentStems(a.name), extra: [], count: a.count });
    }
    for (const t of vocabulary.entityTypes) {
      terms.push({
        kind: 'entityType',
        name: t.type,
        stems: contentStems(t.type),
        extra: [],
        count: t.count,
      });
    }
    this.terms = terms.filter((t) => t.stems.length > 0);
  }

  /**
   * Terms of `kind` the question refers to, best first. `stems[i]` is the stem of question token
   * i, or null where the token is already used (an entity mention, a function word).
   */
  match(kind: TermKind, stems: readonly (string | null)[]): TermMatch[] {
    const positionsOf = new Map<string, number[]>();
    stems.forEach((s, i) => {
      if (s !== null) positionsOf.set(s, [...(positionsOf.get(s) ?? []), i]);
    });
    const out: TermMatch[] = [];
    for (const term of this.terms) {
      if (term.kind !== kind) continue;
      const positions: number[] = [];
      let matched = 0;
      for (const s of term.stems) {
        const at = positionsOf.get(s);
        if (at) {
          matched++;
          positions.push(at[0]!);
        }
      }
      let extra = 0;
      for (const s of term.extra) {
        const at = positionsOf.get(s);
        if (at) {
          extra++;
          positions.push(at[0]!);
        }
      }
      if (matched === 0 && extra === 0) continue;
      // A path label alone is weaker evidence than the type's own words.
      const score = matched > 0 ? matched / term.stems.length : 0.4;
      if (score < 0.34) continue;
      out.push({
        name: term.name,
        score: Math.min(1, score),
        positions: [...new Set(positions)].sort((a, b) => a - b),
        method: 'lexical',
      });
    }
    return dominant(out);
  }
}

/** Drops matches whose positions are covered by a better match (e.g. `atomic_mass` vs `atomic_number`). */
function dominant(matches: TermMatch[]): TermMatch[] {
  const sorted = [...matches].sort((a, b) => b.score - a.score || b.positions.length - a.positions.length);
  const kept: TermMatch[] = [];
  for (const m of sorted) {
    const beaten = kept.some((k) => k.score > m.score && m.positions.every((p) => k.positions.includes(p)));
    if (!beaten) kept.push(m);
  }
  return kept;
}

/** Unit suffixes of attribute names (`mean_radius_km`): "the radius" asks for it all the same. */
const UNIT_WORDS = new Set(['km', 'kg', 'mm', 'cm', 'nm', 'mg', 'kb', 'mb', 'gb', 'ms', 'usd', 'eur', 'pct']);

function contentStems(name: string): string[] {
  const words = termWords(name);
  const content = words.filter((w) => !FUNCTION_WORDS.has(w) && !(UNIT_WORDS.has(w) && words.length > 1));
  return [...new Set((content.length > 0 ? content : words).map(stem))];
}
