/**
 * Node 2, slot resolution: decides what the question asks for (an attribute, a related entity,
 * a list, yes/no, a count) and which relationship types, attribute names and entity types it
 * refers to, matching its words against the vocabulary present in the store: lexically (stems,
 * path labels) and, on deeper passes, by embedding. Slots answerable from the identified
 * entities themselves are filled right away.
 */
import { throwIfAborted } from '@rustygpt/core';
import { defineNode, type AnyNode } from '../engine/node';
import { FUNCTION_WORDS, IMPERATIVE_OPENERS, YES_NO_OPENERS } from '../lexicon/function-words';
import { stem } from '../lexicon/stem';
import { termWords, type TermKind, type VocabularyIndex } from '../lexicon/vocabulary-index';
import type { ReasoningServices } from '../services';
import { cosine } from '../support/embedding-cache';
import type { AnswerKind, Fact, Identification, ReasoningState, SlotFrame, TermMatch } from '../state';

/** Node name of slot resolution, as it appears in traces and in `Workflow.node`. */
export const SLOT_RESOLUTION = 'slot-resolution';

/** Creates the slot-resolution node. */
export function slotResolutionNode(services: ReasoningServices): AnyNode<ReasoningState> {
  return defineNode<ReasoningState, 'question' | 'identification' | 'memory', 'slots'>({
    name: SLOT_RESOLUTION,
    inputs: ['question', 'identification', 'memory'],
    outputs: ['slots'],
    priority: 90,
    timeoutMs: 5_000,
    async run({ input, notes }, signal) {
      const { identification, memory } = input;
      const vocabulary = await services.vocabulary.get();
      throwIfAborted(signal);
      const { tokens, mentions } = identification;
      const stems = tokens.map((t, i) =>
        mentions.some((m) => i >= m.start && i < m.end) ||
        FUNCTION_WORDS.has(t) ||
        (i === 0 && IMPERATIVE_OPENERS.has(t))
          ? null
          : stem(t),
      );
      const matched = {
        attribute: vocabulary.match('attribute', stems),
        relationType: vocabulary.match('relationType', stems),
        entityType: vocabulary.match('entityType', stems),
      };
      dropCoveredAcrossKinds(matched);
      let embedded = false;
      if (memory.level >= 2 && services.embeddings) {
        embedded = await embeddingMatches(services, vocabulary, tokens, stems, matched, signal);
      }
      const usedByTerms = new Set(Object.values(matched).flatMap((ms) => ms.flatMap((m) => m.positions)));
      const anchors = [...mentions].sort((a, b) => a.start - b.start);
      const relationTypes = [...matched.relationType].sort((a, b) => a.positions[0]! - b.positions[0]!);
      const kind = answerKind(tokens, identification, matched.attribute, relationTypes, matched.entityType);
      const filled: Fact[] = [];
      const open: string[] = [];
      if (anchors.length === 0) open.push(describeUnresolved(identification));
      if (kind === 'attribute' && relationTypes.length === 0) {
        for (const anchor of anchors) {
          const name = matched.attribute.find((a) => anchor.entity.attributes[a.name] !== undefined)?.name;
          if (name)
            filled.push({
              kind: 'attribute',
              entity: anchor.entity,
              name,
              value: anchor.entity.attributes[name]!,
            });
        }
        if (filled.length === 0 && anchors.length > 0) {
          open.push(
            `no ${matched.attribute.map((a) => humanize(a.name)).join(' or ')} recorded for ${anchors.map((a) => a.entity.name).join(', ')}`,
          );
        }
      }
      const asksSomething = matched.attribute.length + relationTypes.length + matched.entityType.length > 0;
      const leftover = identification.unresolved.filter((u) => !u.nameLike);
      if (anchors.length > 0 && !asksSomething && kind !== 'yesno' && leftover.length > 0) {
        open.push(
          `nothing recorded about ${leftover.map((u) => `"${u.text}"`).join(', ')} of ${anchors.map((a) => a.entity.name).join(', ')}`,
        );
      }
      const slots: SlotFrame = {
        kind,
        attributes: matched.attribute,
        relationTypes,
        entityTypes: matched.entityType,
        anchors,
        filled,
        open,
        freeWords: tokens.filter((_, i) => stems[i] !== null && !usedByTerms.has(i)),
      };
      notes.touch({ entityIds: filled.flatMap((f) => (f.kind === 'attribute' ? [f.entity.id] : [])) });
      notes.decide(
        filled.length > 0 ? 'filled-from-entities' : open.length > 0 ? 'open' : 'needs-traversal',
        `${kind}; attributes [${matched.attribute.map((a) => a.name).join(', ')}]; relations [${relationTypes
          .map((r) => r.name)
          .join(
            ', ',
          )}]; types [${matched.entityType.map((t) => t.name).join(', ')}]${embedded ? ' (embedding)' : ''}`,
      );
      return { slots };
    },
  });
}

/**
 * Drops a partial match (only some words of a vocabulary name) whose words are all explained
 * by a full match of another kind: "the language that X is grouped under" names the entity
 * type `language`, not the attribute `language_id`.
 */
export function dropCoveredAcrossKinds(matched: Record<TermKind, TermMatch[]>): void {
  const kinds = Object.keys(matched) as TermKind[];
  for (const kind of kinds) {
    const others = kinds.filter((k) => k !== kind).flatMap((k) => matched[k].filter((m) => m.score >= 1));
    matched[kind] = matched[kind].filter(
      (m) => m.score >= 1 || !others.some((o) => m.positions.every((p) => o.positions.includes(p))),
    );
  }
}

/** The form of answer the question's wording asks for. */
export function answerKind(
  tokens: readonly string[],
  identification: Identification,
  attributes: TermMatch[],
  relations: TermMatch[],
  entityTypes: TermMatch[],
): AnswerKind {
  const first = tokens[0] ?? '';
  if (
    YES_NO_OPENERS.has(first) &&
    !tokens.includes('what') &&
    !tokens.includes('which') &&
    !tokens.includes('who')
  ) {
    return 'yesno';
  }
  const howMany = tokens.findIndex(
    (t, i) => t === 'how' && (tokens[i + 1] === 'many' || tokens[i + 1] === 'much'),
  );
  if (howMany >= 0) {
    const nextIsAttribute = attributes.some((a) => a.positions.includes(howMany + 2));
    return nextIsAttribute && relations.length === 0 ? 'attribute' : 'count';
  }
  if (tokens.includes('number') && tokens.includes('of') && relations.length > 0 && attributes.length === 0)
    return 'count';
  if (attributes.length > 0 && (relations.length === 0 || attributeFollowsQuestionWord(tokens, attributes))) {
    return 'attribute';
  }
  const pluralType = entityTypes.some((t) =>
    t.positions.some((p) => {
      const word = tokens[p] ?? '';
      return (
        word.endsWith('s') &&
        stem(word) !== word &&
        !identification.mentions.some((m) => p >= m.start && p < m.end)
      );
    }),
  );
  if (pluralType || /^(list|name|enumerate)$/.test(first) || (first === 'what' && tokens[1] === 'are'))
    return 'list';
  return 'entity';
}

/** "What is the boiling point of the element discovered by X": the attribute comes first. */
function attributeFollowsQuestionWord(tokens: readonly string[], attributes: TermMatch[]): boolean {
  const firstContent = tokens.findIndex((t) => !FUNCTION_WORDS.has(t));
  return attributes.some((a) => a.positions[0] === firstContent);
}

async function embeddingMatches(
  services: ReasoningServices,
  vocabulary: VocabularyIndex,
  tokens: readonly string[],
  stems: readonly (string | null)[],
  matched: Record<TermKind, TermMatch[]>,
  signal: AbortSignal,
): Promise<boolean> {
  const used = new Set(Object.values(matched).flatMap((ms) => ms.flatMap((m) => m.positions)));
  const free = tokens
    .map((t, i) => (stems[i] !== null && !used.has(i) && !/^\d+$/.test(t) ? i : -1))
    .filter((i) => i >= 0);
  if (free.length === 0) return false;
  const cache = services.embeddings!;
  // Entity types stay lexical: a wrong type hint would filter good answers away.
  const terms = vocabulary.terms.filter((t) => t.kind !== 'entityType' && matched[t.kind].length === 0);
  if (terms.length === 0) return false;
  const termTexts = terms.map((t) => termWords(t.name).join(' '));
  const vectors = await cache.embed([...free.map((i) => tokens[i]!), ...termTexts], signal);
  // At most one word per kind, and only a clear winner: similar-sounding names of one store
  // (density, atomic mass) are close to the same word, so a near tie means "not sure".
  const best = new Map<TermKind, TermMatch>();
  free.forEach((position, k) => {
    const v = vectors[k]!;
    const scored = terms
      .map((term, j) => ({ term, score: cosine(v, vectors[free.length + j]!) }))
      .sort((a, b) => b.score - a.score);
    const [first, second] = scored;
    if (!first || first.score < services.thresholds.vectorTerm) return;
    const rival = scored.find((x) => x !== first && x.term.kind === first.term.kind) ?? second;
    if (rival && first.score - rival.score < EMBEDDING_MARGIN) return;
    const current = best.get(first.term.kind);
    if (!current || current.score < first.score * 0.9) {
      best.set(first.term.kind, {
        name: first.term.name,
        score: first.score * 0.9,
        positions: [position],
        method: 'embedding',
      });
    }
  });
  for (const [kind, match] of best) matched[kind].push(match);
  return best.size > 0;
}

/** How much the best vocabulary name must beat the next one by to count as an embedding match. */
const EMBEDDING_MARGIN = 0.05;

function describeUnresolved(identification: Identification): string {
  const names = identification.unresolved.filter((u) => u.nameLike).map((u) => `"${u.text}"`);
  if (names.length > 0) return `no entity named ${names.join(' or ')} in the knowledge base`;
  const words = identification.unresolved.map((u) => `"${u.text}"`);
  return words.length > 0
    ? `no entity matching ${words.join(' or ')} in the knowledge base`
    : 'no entity named in the question';
}

/** `atomic_mass` -> `atomic mass`. */
export function humanize(name: string): string {
  return termWords(name).join(' ');
}
