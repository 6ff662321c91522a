/**
 * Node 1, entity identification: finds the entities a question names. Cheapest first: exact
 * name/alias longest match over the in-memory dictionary (case- and accent-insensitive), then
 * stemmed forms; on deeper passes typo-tolerant matching and vector similarity over the entity
 * embeddings for the spans still unresolved; graph context settles ambiguous names.
 */
import type { Entity } from '@rustygpt/core';
import { throwIfAborted, tokenize } from '@rustygpt/core';
import { defineNode, type AnyNode } from '../engine/node';
import { questionTokens, type AliasHit, type QuestionTokens } from '../lexicon/alias-index';
import { FUNCTION_WORDS, IMPERATIVE_OPENERS, PRONOUNS } from '../lexicon/function-words';
import { stem } from '../lexicon/stem';
import type { ReasoningServices } from '../services';
import type { Identification, Mention, ReasoningState, UnresolvedSpan } from '../state';

/** Node name of entity identification, as it appears in traces and in `Workflow.node`. */
export const ENTITY_IDENTIFICATION = 'entity-identification';

const METHOD_SCORE = { exact: 1, stem: 0.85, fuzzy: 0.75 } as const;

/** Creates the entity-identification node over the shared services. */
export function entityIdentificationNode(services: ReasoningServices): AnyNode<ReasoningState> {
  return defineNode<ReasoningState, 'question' | 'conversation' | 'memory', 'identification'>({
    name: ENTITY_IDENTIFICATION,
    inputs: ['question', 'conversation', 'memory'],
    outputs: ['identification'],
    priority: 100,
    timeoutMs: 5_000,
    async run({ input, notes }, signal) {
      const { question, conversation, memory } = input;
      const rejected = new Set(memory.rejectedEntityIds);
      const changed = await services.aliases.refresh(services.store);
      if (changed.length > 0) {
        services.graph.invalidate(changed);
        services.vocabulary.invalidate();
      }
      throwIfAborted(signal);
      const tokens = questionTokens(question);
      const vocabulary = await services.vocabulary.get();
      const strategies: string[] = ['exact', 'stem'];
      const fuzzy = memory.level >= 2;
      if (fuzzy) strategies.push('fuzzy');
      const hits = services.aliases.match(tokens, { fuzzy });
      const ids = [...new Set(hits.flatMap((h) => h.entries.map((e) => e.entityId)))].filter(
        (id) => !rejected.has(id),
      );
      const entities = new Map((await services.graph.getEntities(services.store, ids)).map((e) => [e.id, e]));
      let mentions = hits.flatMap((hit) => toMention(hit, tokens, entities, rejected));

      // Words naming vocabulary (attributes, relationship types, entity types) are not entity names.
      const vocabularyPositions = new Set<number>();
      const stems = tokens.normalized.map((t, i) =>
        mentions.some((m) => i >= m.start && i < m.end) ||
        FUNCTION_WORDS.has(t) ||
        (i === 0 && IMPERATIVE_OPENERS.has(t))
          ? null
          : stem(t),
      );
      for (const kind of ['attribute', 'relationType', 'entityType'] as const) {
        for (const m of vocabulary.match(kind, stems))
          for (const p of m.positions) vocabularyPositions.add(p);
      }
      let unresolved = unresolvedSpans(tokens, mentions, vocabularyPositions);

      if (memory.level >= 2) {
        // "Davy" for "Humphry Davy": the last word of exactly one multi-word name.
        const bySurname = unresolved.filter((u) => u.nameLike && u.end - u.start === 1);
        const ids = new Map(
          bySurname.map((u) => [u, services.aliases.byLastWord(tokens.normalized[u.start]!)]),
        );
        const wanted = [...ids.values()].flatMap((id) => (id !== null && !rejected.has(id) ? [id] : []));
        const found = await services.graph.getEntities(services.store, wanted);
        const byId = new Map(found.map((e) => [e.id, e]));
        for (const [span, id] of ids) {
          const entity = id !== null ? byId.get(id) : undefined;
          if (!entity) continue;
          mentions.push({
            text: span.text,
            start: span.start,
            end: span.end,
            entity,
            score: 0.7,
            method: 'fuzzy',
            alternatives: [],
            ambiguous: false,
          });
        }
        if (found.length > 0) {
          strategies.push('surname');
          mentions.sort((a, b) => a.start - b.start);
          unresolved = unresolved.filter((u) => !mentions.some((m) => m.start === u.start));
        }
      }

      if (memory.level >= 2 && services.embeddings && unresolved.length > 0) {
        strategies.push('vector');
        const found = await vectorMentions(services, unresolved, rejected, signal);
        mentions = [...mentions, ...found].sort((a, b) => a.start - b.start);
        unresolved = unresolved.filter((u) => !found.some((m) => m.start === u.start));
      }

      if (
        mentions.length === 0 &&
        conversation.length > 0 &&
        tokens.normalized.some((t) => PRONOUNS.has(t))
      ) {
        const last = [...conversation].reverse().find((t) => (t.entityIds ?? []).length > 0);
        if (last) {
          strategies.push('conversation');
          for (const e of await services.store.getEntities(last.entityIds ?? [])) {
            mentions.push({
              text: e.name,
              start: -1,
              end: -1,
              entity: e,
              score: 0.7,
              method: 'conversation',
              alternatives: [],
              ambiguous: false,
            });
          }
        }
      }

      if (mentions.some((m) => m.ambiguous)) {
        strategies.push('graph');
        mentions = await disambiguate(services, mentions);
      }

      const identification: Identification = { tokens: tokens.normalized, mentions, unresolved, strategies };
      notes.touch({ entityIds: mentions.map((m) => m.entity.id) });
      notes.decide(
        mentions.length > 0 ? 'identified' : 'none',
        mentions.length > 0
          ? mentions
              .map(
                (m) =>
                  `${m.text}→${m.entity.key} (${m.method} ${m.score.toFixed(2)}${m.ambiguous ? ', ambiguous' : ''})`,
              )
              .join('; ')
          : `no entity in "${question}"${unresolved.length > 0 ? `; unresolved: ${unresolved.map((u) => u.text).join(', ')}` : ''}`,
      );
      return { identification };
    },
  });
}

function toMention(
  hit: AliasHit,
  tokens: QuestionTokens,
  entities: Map<number, Entity>,
  rejected: Set<number>,
): Mention[] {
  const seen = new Set<number>();
  const candidates: { entity: Entity; score: number }[] = [];
  for (const entry of hit.entries) {
    const entity = entities.get(entry.entityId);
    if (!entity || seen.has(entity.id) || rejected.has(entity.id) || entity.state === 'archived') continue;
    seen.add(entity.id);
    let score: number = METHOD_SCORE[hit.method] - (hit.method === 'fuzzy' ? 0.1 * (hit.distance - 1) : 0);
    if (entry.normalized !== entity.name.toLowerCase() && hit.method === 'exact') score -= 0.02;
    if (entity.state === 'inactive') score *= 0.8;
    candidates.push({ entity, score });
  }
  candidates.sort((a, b) => b.score - a.score || a.entity.id - b.entity.id);
  const best = candidates[0];
  if (!best) return [];
  return [
    {
      text: tokens.original.slice(hit.start, hit.end).join(' '),
      start: hit.start,
      end: hit.end,
      entity: best.entity,
      score: best.score,
      method: hit.method,
      alternatives: candidates.slice(1),
      ambiguous: candidates.length > 1,
    },
  ];
}

/** Runs of content words that are neither entities, vocabulary nor question/function words. */
export function unresolvedSpans(
  tokens: QuestionTokens,
  mentions: Mention[],
  vocabulary: ReadonlySet<number>,
): UnresolvedSpan[] {
  const spans: UnresolvedSpan[] = [];
  let current: number[] = [];
  const flush = (): void => {
    if (current.length > 0) {
      const start = current[0]!;
      const end = current.at(-1)! + 1;
      const words = tokens.original.slice(start, end);
      spans.push({
        text: words.join(' '),
        start,
        end,
        // A capitalised opener ("What", "Who") is no name: function words, question words among
        // them, are `used` below and never reach a span.
        nameLike: words.some((w) => /^\p{Lu}/u.test(w)),
      });
    }
    current = [];
  };
  const capital = (i: number): boolean => /^\p{Lu}/u.test(tokens.original[i]!);
  tokens.normalized.forEach((t, i) => {
    const used =
      mentions.some((m) => i >= m.start && i < m.end) ||
      vocabulary.has(i) ||
      FUNCTION_WORDS.has(t) ||
      (i === 0 && IMPERATIVE_OPENERS.has(t));
    // A name ("Vibranium") and the plain words after it ("first isolated") are separate spans.
    if (used || (current.length > 0 && capital(current.at(-1)!) !== capital(i) && i > 1)) flush();
    if (!used) current.push(i);
  });
  flush();
  return spans;
}

async function vectorMentions(
  services: ReasoningServices,
  spans: UnresolvedSpan[],
  rejected: Set<number>,
  signal: AbortSignal,
): Promise<Mention[]> {
  const cache = services.embeddings!;
  const vectors = await cache.embed(
    spans.map((s) => s.text),
    signal,
  );
  const out: Mention[] = [];
  for (const [i, span] of spans.entries()) {
    const vector = vectors[i]!;
    if (!vector.some((x) => x !== 0)) continue;
    const hits = await services.store.searchEntitiesByVector(vector, {
      modelId: cache.embedder.modelId,
      k: 3,
      states: ['active', 'inactive'],
    });
    // Similar vectors alone do not make the same name (an unknown "Marie Quist" is close to
    // "Mara Quist"): every word of the span must be a word of the entity's name or aliases.
    const spanWords = tokenize(span.text).map(stem);
    const good = hits.filter((h) => {
      if (h.score < services.thresholds.vectorMention || rejected.has(h.item.id)) return false;
      const known = new Set([h.item.name, ...h.item.aliases].flatMap((n) => tokenize(n)).map(stem));
      return spanWords.every((w) => known.has(w));
    });
    const best = good[0];
    if (!best) continue;
    out.push({
      text: span.text,
      start: span.start,
      end: span.end,
      entity: best.item,
      score: best.score * 0.9,
      method: 'vector',
      alternatives: good.slice(1).map((h) => ({ entity: h.item, score: h.score * 0.9 })),
      ambiguous: good.length > 1 && good[1]!.score > best.score - 0.03,
    });
  }
  return out;
}

/** Prefers, for an ambiguous name, the candidate linked to the other entities of the question. */
async function disambiguate(services: ReasoningServices, mentions: Mention[]): Promise<Mention[]> {
  const others = new Set(mentions.filter((m) => !m.ambiguous).map((m) => m.entity.id));
  if (others.size === 0) return mentions;
  return Promise.all(
    mentions.map(async (m) => {
      if (!m.ambiguous) return m;
      const options = [{ entity: m.entity, score: m.score }, ...m.alternatives];
      const linked = await Promise.all(
        options.map(async (o) => {
          const n = await services.store.neighbours(o.entity.id, { limit: 500 });
          return n.filter((x) => others.has(x.entity.id)).length;
        }),
      );
      const bestIndex = linked.indexOf(Math.max(...linked));
      if (linked[bestIndex] === 0 || bestIndex === 0) return m;
      const chosen = options[bestIndex]!;
      return {
        ...m,
        entity: chosen.entity,
        method: 'graph' as const,
        alternatives: options.filter((_, k) => k !== bestIndex),
      };
    }),
  );
}
