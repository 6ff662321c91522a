/**
 * The in-memory alias dictionary: every entity name and alias, normalised (case- and
 * accent-insensitive) and stemmed, for longest-match lookup over a question's tokens. Refreshed
 * incrementally from the store's watermark.
 */
import { normalizeText, type AliasEntry, type KnowledgeReader } from '@rustygpt/core';
import { editDistance } from './edit-distance';
import { FUNCTION_WORDS } from './function-words';
import { stem } from './stem';

/** A dictionary hit over tokens [start, end). */
export interface AliasHit {
  start: number;
  end: number;
  entries: AliasEntry[];
  method: 'exact' | 'stem' | 'fuzzy';
  /** Edit distance for fuzzy hits, 0 otherwise. */
  distance: number;
}

/** Words of a raw question with their original spelling (for case-sensitive short aliases). */
export interface QuestionTokens {
  normalized: string[];
  original: string[];
  /** Whether punctuation or the end of the text follows the token (a clause boundary). */
  boundaryAfter: boolean[];
}

/** Splits a question into normalised tokens, remembering each token's original spelling. */
export function questionTokens(question: string): QuestionTokens {
  const text = question.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const original: string[] = [];
  const boundaryAfter: boolean[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    original.push(m[0]);
    const rest = text.slice(m.index + m[0].length);
    boundaryAfter.push(/^\s*(?:$|[^\p{L}\p{N}\s'’])/u.test(rest) || /^\s+(?:and|or)\b/i.test(rest));
  }
  return { original, normalized: original.map((t) => t.toLowerCase()), boundaryAfter };
}

/** Longest-match alias dictionary over normalised and stemmed forms. */
export class AliasIndex {
  private readonly byEntity = new Map<number, AliasEntry[]>();
  private readonly exact = new Map<string, AliasEntry[]>();
  private readonly stemmed = new Map<string, AliasEntry[]>();
  private readonly byInitial = new Map<string, string[]>();
  private readonly lastWords = new Map<string, Set<number>>();
  private maxTokens = 1;
  /** Stems of the entity types seen: "moons" names the type Moon, not the entity Moon. */
  private readonly typeStems = new Set<string>();
  private watermark = -1;
  private refreshing: Promise<number[]> | null = null;
  private lastRefresh = 0;

  /** Milliseconds between refreshes from the store (0: every call). */
  constructor(private readonly refreshIntervalMs = 250) {}

  get size(): number {
    return this.byEntity.size;
  }

  /**
   * Pulls entries changed since the last watermark (all of them the first time); resolves with
   * the ids of entities that changed since the previous refresh (empty on the first load).
   */
  refresh(store: Pick<KnowledgeReader, 'listAliases'>, force = false): Promise<number[]> {
    const now = Date.now();
    if (!force && this.watermark >= 0 && now - this.lastRefresh < this.refreshIntervalMs)
      return Promise.resolve([]);
    if (this.refreshing) return this.refreshing;
    this.refreshing = (async () => {
      try {
        const first = this.watermark < 0;
        const options = first ? {} : { changedSince: this.watermark };
        const { entries, watermark, removedEntityIds = [] } = await store.listAliases(options);
        this.forget(removedEntityIds);
        this.apply(entries);
        this.watermark = watermark;
        this.lastRefresh = Date.now();
        return first ? [] : [...new Set([...entries.map((e) => e.entityId), ...removedEntityIds])];
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** Replaces the entries of every entity present in `entries`. */
  apply(entries: readonly AliasEntry[]): void {
    const grouped = new Map<number, AliasEntry[]>();
    for (const e of entries) grouped.set(e.entityId, [...(grouped.get(e.entityId) ?? []), e]);
    for (const [entityId, list] of grouped) {
      for (const old of this.byEntity.get(entityId) ?? []) this.remove(old);
      const live = list.filter((e) => e.state !== 'archived');
      if (live.length === 0) this.byEntity.delete(entityId);
      else this.byEntity.set(entityId, live);
      for (const e of live) this.add(e);
    }
  }

  /** The one entity whose multi-word name ends with `word` ("davy"), or null (none or several). */
  byLastWord(word: string): number | null {
    const ids = this.lastWords.get(word);
    return ids && ids.size === 1 ? [...ids][0]! : null;
  }

  /** Drops every entry of deleted entities. */
  forget(entityIds: Iterable<number>): void {
    for (const id of entityIds) {
      for (const old of this.byEntity.get(id) ?? []) this.remove(old);
      this.byEntity.delete(id);
    }
  }

  /** Every entry of an entity. */
  entriesOf(entityId: number): AliasEntry[] {
    return this.byEntity.get(entityId) ?? [];
  }

  /** Non-overlapping longest matches: exact first, then stemmed, then (optionally) fuzzy. */
  match(tokens: QuestionTokens, options: { fuzzy?: boolean; skip?: ReadonlySet<number> } = {}): AliasHit[] {
    const n = tokens.normalized.length;
    const covered = new Array<boolean>(n).fill(false);
    for (const i of options.skip ?? []) if (i < n) covered[i] = true;
    const hits: AliasHit[] = [];
    const stemmedTokens = tokens.normalized.map(stem);
    const passes: ('exact' | 'stem' | 'fuzzy')[] = options.fuzzy
      ? ['exact', 'stem', 'fuzzy']
      : ['exact', 'stem'];
    for (const method of passes) {
      for (let i = 0; i < n; i++) {
        if (covered[i]) continue;
        for (let len = Math.min(this.maxTokens, n - i); len >= 1; len--) {
          if (covered.slice(i, i + len).some(Boolean)) continue;
          const hit = this.lookup(method, tokens, stemmedTokens, i, len);
          if (!hit) continue;
          hits.push(hit);
          for (let k = i; k < i + len; k++) covered[k] = true;
          i += len - 1;
          break;
        }
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }

  private lookup(
    method: 'exact' | 'stem' | 'fuzzy',
    tokens: QuestionTokens,
    stemmedTokens: string[],
    i: number,
    len: number,
  ): AliasHit | null {
    const words = tokens.normalized.slice(i, i + len);
    if (len === 1 && FUNCTION_WORDS.has(words[0]!) && method !== 'exact') return null;
    if (method === 'exact') {
      const phrase = words.join(' ');
      const entries = (this.exact.get(phrase) ?? []).filter((e) => acceptShort(e, tokens, i, len));
      return entries.length > 0 ? { start: i, end: i + len, entries, method, distance: 0 } : null;
    }
    if (words.every((w) => FUNCTION_WORDS.has(w))) return null;
    // An inflected word that is also an entity type ("Which moons ...") asks for the type:
    // neither its stem nor a typo reading makes it the entity of that name.
    const content = stemmedTokens.slice(i, i + len).filter((_, k) => !FUNCTION_WORDS.has(words[k]!));
    if (content.length === 1 && this.typeStems.has(content[0]!)) return null;
    if (method === 'stem') {
      const phrase = stemmedTokens.slice(i, i + len).join(' ');
      if (phrase.length < 3) return null;
      // An inflected form is the name plus an ending ("Davy's", "gases"); a word shorter than the
      // one-word name it stems to is a different word ("run" is not "Rune").
      const entries = (this.stemmed.get(phrase) ?? []).filter(
        (e) => len > 1 || (e.normalized || normalizeText(e.alias)).length <= words[0]!.length,
      );
      return entries.length > 0 ? { start: i, end: i + len, entries, method, distance: 0 } : null;
    }
    const phrase = words.join(' ');
    if (phrase.length < 4 || /\d/.test(phrase)) return null;
    const maxDistance = phrase.length >= 10 ? 2 : 1;
    let best: AliasEntry[] = [];
    let bestDistance = maxDistance + 1;
    for (const candidate of this.byInitial.get(phrase[0]!) ?? []) {
      if (Math.abs(candidate.length - phrase.length) > maxDistance) continue;
      const d = typoDistance(words, candidate.split(' '));
      if (d === 0 || d > maxDistance) continue;
      if (d < bestDistance) {
        bestDistance = d;
        best = [...(this.exact.get(candidate) ?? [])];
      } else if (d === bestDistance) best.push(...(this.exact.get(candidate) ?? []));
    }
    return best.length > 0 ? { start: i, end: i + len, entries: best, method, distance: bestDistance } : null;
  }

  private add(e: AliasEntry): void {
    const key = e.normalized || normalizeText(e.alias);
    if (!key) return;
    push(this.exact, key, e);
    // "The Long Night" is also asked about as "Long Night".
    if (key.startsWith('the ') && key.length > 8) push(this.exact, key.slice(4), e);
    const typeKey = normalizeText(e.entityType);
    if (typeKey) this.typeStems.add(typeKey.split(' ').map(stem).join(' '));
    const stemKey = key.split(' ').map(stem).join(' ');
    push(this.stemmed, stemKey, e);
    const initial = key[0]!;
    const list = this.byInitial.get(initial) ?? [];
    if (!list.includes(key)) list.push(key);
    this.byInitial.set(initial, list);
    this.maxTokens = Math.max(this.maxTokens, key.split(' ').length);
    const words = key.split(' ');
    const last = words.at(-1)!;
    if (words.length >= 2 && last.length >= 4 && /^\p{L}+$/u.test(last)) {
      const ids = this.lastWords.get(last) ?? new Set<number>();
      ids.add(e.entityId);
      this.lastWords.set(last, ids);
    }
  }

  private remove(e: AliasEntry): void {
    const key = e.normalized || normalizeText(e.alias);
    this.lastWords.get(key.split(' ').at(-1)!)?.delete(e.entityId);
    drop(this.exact, key, e);
    if (key.startsWith('the ')) drop(this.exact, key.slice(4), e);
    drop(this.stemmed, key.split(' ').map(stem).join(' '), e);
  }
}

/**
 * Short aliases that are also function words ("In", "He", "I") or single letters only match
 * when spelt exactly as the alias (case included), not as the question's first word, and at
 * the end of a clause ("... of He?", "Is As a metalloid?" does not qualify, "I need" neither).
 */
function acceptShort(e: AliasEntry, tokens: QuestionTokens, i: number, len: number): boolean {
  if (len > 1) return true;
  const word = tokens.normalized[i]!;
  if (!FUNCTION_WORDS.has(word) && word.length > 1) return true;
  return i > 0 && tokens.original[i] === e.alias.trim() && tokens.boundaryAfter[i] === true;
}

/**
 * Typo distance between two names word by word: same number of words, each word keeping its
 * first letter and at most one edit (two for words of 10+ letters); otherwise "too far". A
 * different name sharing a surname ("Marie Quist" vs "Mara Quist") is not a typo.
 */
function typoDistance(words: string[], candidate: string[]): number {
  if (words.length !== candidate.length) return Number.POSITIVE_INFINITY;
  let total = 0;
  for (let k = 0; k < words.length; k++) {
    const a = words[k]!;
    const b = candidate[k]!;
    if (a === b) continue;
    const allowed = Math.min(a.length, b.length) >= 10 ? 2 : a.length >= 4 ? 1 : 0;
    if (a[0] !== b[0] || allowed === 0) return Number.POSITIVE_INFINITY;
    const d = editDistance(a, b, allowed);
    if (d > allowed) return Number.POSITIVE_INFINITY;
    total += d;
  }
  return total;
}

function push(map: Map<string, AliasEntry[]>, key: string, e: AliasEntry): void {
  const list = map.get(key);
  if (!list) map.set(key, [e]);
  else if (!list.some((x) => x.entityId === e.entityId)) list.push(e);
}

function drop(map: Map<string, AliasEntry[]>, key: string, e: AliasEntry): void {
  const list = map.get(key);
  if (!list) return;
  const rest = list.filter((x) => x.entityId !== e.entityId);
  if (rest.length === 0) map.delete(key);
  else map.set(key, rest);
}
