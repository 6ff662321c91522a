/**
 * Node 4, meta-reasoning: checks that the pass's result is complete (every asked slot filled)
 * and coherent (confident mentions, no unexplained names), then decides: stop, go deeper (next
 * strategy level), or backtrack (reject an ambiguous reading and try its alternative). When no
 * level can support an answer it says so, naming what is missing, instead of guessing.
 */
import { normalizeText, tokenize } from '@rustygpt/core';
import { defineNode, type AnyNode } from '../engine/node';
import { extractAnswer } from '../generation/span-extraction';
import { stem } from '../lexicon/stem';
import type { ReasoningServices } from '../services';
import type {
  Assessment,
  Identification,
  Passage,
  PassMemory,
  ReasoningState,
  Resolution,
  SlotFrame,
} from '../state';
import { humanize } from './slot-resolution';

/** Node name of meta-reasoning, as it appears in traces and in `Workflow.node`. */
export const META_REASONING = 'meta-reasoning';

/** Highest strategy level (3: external resources). */
export const MAX_LEVEL = 3;

/** Creates the meta-reasoning node. */
export function metaReasoningNode(services: ReasoningServices): AnyNode<ReasoningState> {
  return defineNode<
    ReasoningState,
    'question' | 'identification' | 'slots' | 'resolution' | 'memory',
    'assessment'
  >({
    name: META_REASONING,
    inputs: ['question', 'identification', 'slots', 'resolution', 'memory'],
    outputs: ['assessment'],
    priority: 70,
    timeoutMs: 2_000,
    async run({ input, notes }) {
      const assessment = assess(input, services.thresholds);
      notes.decide(
        assessment.decision,
        `${assessment.status} (${assessment.confidence.toFixed(2)}): ${assessment.reason}`,
      );
      if (assessment.passageAnswer)
        notes.touch({ resourceIds: [assessment.passageAnswer.passage.resource.id] });
      return { assessment };
    },
  });
}

/** The decision rules, exported for tests and for other workflows. */
export function assess(
  input: {
    question: string;
    identification: Identification;
    slots: SlotFrame;
    resolution: Resolution;
    memory: PassMemory;
  },
  thresholds: { answer: number; passageAnswer: number },
): Assessment {
  const { question, identification, slots, resolution, memory } = input;
  const canGoDeeper = memory.level < MAX_LEVEL;
  const unexplained = identification.unresolved.filter((u) => u.nameLike);
  const mentionConfidence = slots.anchors.length > 0 ? Math.min(...slots.anchors.map((a) => a.score)) : 0;
  const termScores = [...slots.attributes.slice(0, 1), ...slots.relationTypes].map((t) => t.score);
  const termConfidence =
    termScores.length > 0 ? termScores.reduce((a, b) => a + b, 0) / termScores.length : 1;
  let confidence = mentionConfidence * termConfidence * 0.5 ** unexplained.length;
  const complete = isComplete(slots, resolution);
  const missing: string[] = [];

  if (complete && confidence >= thresholds.answer) {
    return {
      decision: 'stop',
      status: 'answered',
      confidence,
      missing,
      reason: `slots filled by ${resolution.plan}`,
      passageAnswer: null,
    };
  }
  if (complete) missing.push(`confidence ${confidence.toFixed(2)} below ${thresholds.answer}`);
  else missing.push(...describeMissing(slots, resolution, identification));

  const ambiguous = slots.anchors.filter((a) => a.ambiguous && a.alternatives.length > 0);
  if (!complete && ambiguous.length > 0 && !memory.history.includes('backtrack')) {
    return {
      decision: 'backtrack',
      status: 'insufficient',
      confidence,
      missing,
      reason: `ambiguous ${ambiguous.map((a) => `"${a.text}"`).join(', ')}: trying the alternative reading`,
      passageAnswer: null,
    };
  }
  if (canGoDeeper) {
    return {
      decision: 'deeper',
      status: 'insufficient',
      confidence,
      missing,
      reason: `level ${memory.level} insufficient`,
      passageAnswer: null,
    };
  }

  // Last level: passages retrieved on an earlier pass may still answer.
  const passages = memory.passages;
  if (passages.length > 0) {
    const names = [...unexplained.map((u) => u.text), ...slots.anchors.map((a) => a.entity.name)];
    const words = identification.unresolved
      .filter((u) => !u.nameLike)
      .flatMap((u) => tokenize(u.text).map(stem));
    // Passages about what the question names; together they must name all of it.
    const relevant =
      names.length > 0
        ? passages.filter((p) => names.some((n) => containsName(p.text, p.resource.title, n, slots)))
        : passages;
    const allNamed = names.every((n) =>
      relevant.some((p) => containsName(p.text, p.resource.title, n, slots)),
    );
    const covering = allNamed && covers(relevant, words) ? relevant : [];
    // The answer sentence must be about the known entities and say what is asked.
    const asked = new Set([...slots.attributes, ...slots.relationTypes].flatMap((t) => t.positions));
    const focus = [...words, ...[...asked].map((p) => stem(identification.tokens[p] ?? ''))].filter(Boolean);
    const subjects = slots.anchors.map((a) => ({
      names: [a.entity.name, ...a.entity.aliases, a.text],
      entityId: a.entity.id,
    }));
    const extracted = covering.length > 0 ? extractAnswer(question, covering, { subjects, focus }) : null;
    if (extracted && extracted.score >= thresholds.passageAnswer) {
      confidence = Math.min(1, extracted.score / 10);
      return {
        decision: 'stop',
        status: 'answered',
        confidence,
        missing: [],
        reason: `extracted from ${extracted.passage.resource.uri}`,
        passageAnswer: extracted,
      };
    }
    if (!allNamed) missing.push(`no passage mentions ${names.map((n) => `"${n}"`).join(' and ')}`);
    else missing.push('no passage states it');
  }
  return {
    decision: 'stop',
    status: 'unknown',
    confidence: 0,
    missing,
    reason: 'no strategy supports an answer',
    passageAnswer: null,
  };
}

function isComplete(slots: SlotFrame, resolution: Resolution): boolean {
  switch (slots.kind) {
    case 'attribute':
      return resolution.values.length > 0;
    case 'yesno':
      return resolution.verdict !== null;
    case 'count':
      return resolution.targets.length > 0 && resolution.facts.some((f) => f.kind === 'relationship');
    default:
      return (
        resolution.targets.length > 0 &&
        (slots.relationTypes.length > 0 || slots.entityTypes.length > 0 || slots.anchors.length > 1
          ? resolution.targets.some((t) => !slots.anchors.some((a) => a.entity.id === t.id))
          : slots.open.length === 0)
      );
  }
}

function describeMissing(slots: SlotFrame, resolution: Resolution, identification: Identification): string[] {
  if (slots.anchors.length === 0)
    return slots.open.length > 0 ? slots.open : ['no entity named in the question'];
  const names = slots.anchors.map((a) => a.entity.name).join(', ');
  const out = [...slots.open];
  if (slots.kind === 'attribute' && out.length === 0) {
    const attrs = slots.attributes.map((a) => humanize(a.name)).join(' or ');
    out.push(
      `no ${attrs || 'value'} recorded for ${resolution.targets.map((t) => t.name).join(', ') || names}`,
    );
  } else if (slots.kind === 'yesno') {
    out.push(`nothing in the knowledge base links ${names}`);
  } else if (slots.relationTypes.length > 0) {
    out.push(`no ${slots.relationTypes.map((r) => humanize(r.name)).join(' / ')} link found from ${names}`);
  } else if (out.length === 0) {
    const words = identification.unresolved.map((u) => `"${u.text}"`).join(', ');
    out.push(
      `could not tell what the question asks about ${names}${words ? ` (did not understand ${words})` : ''}`,
    );
  }
  return out;
}

function containsName(text: string, title: string | null, name: string, slots: SlotFrame): boolean {
  const n = normalizeText(name);
  if (!n) return true;
  const hay = normalizeText(`${title ?? ''} ${text}`);
  if (hay.includes(n)) return true;
  const anchor = slots.anchors.find((a) => a.entity.name === name);
  return anchor ? anchor.entity.aliases.some((alias) => hay.includes(normalizeText(alias))) : false;
}

/** At least half of the question's unexplained plain words appear in the passages. */
function covers(passages: Passage[], words: string[]): boolean {
  if (words.length === 0) return true;
  const present = new Set(passages.flatMap((p) => tokenize(`${p.resource.title ?? ''} ${p.text}`).map(stem)));
  return words.filter((w) => present.has(w)).length * 2 >= words.length;
}
