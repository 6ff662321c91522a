/**
 * Extractive answering from passages (HotpotQA-style): picks the sentences that share the most
 * (rarity-weighted) words with the question, then the span of the expected answer type (a year,
 * a number, a name, one of the options of an "A or B" question) closest to those words.
 */
import { normalizeText, tokenize } from '@rustygpt/core';
import { FUNCTION_WORDS } from '../lexicon/function-words';
import { stem } from '../lexicon/stem';
import type { Passage } from '../state';

export interface ExtractedAnswer {
  text: string;
  passage: Passage;
  score: number;
}

type Expected = 'year' | 'number' | 'name' | 'option' | 'yesno' | 'phrase';

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATE = new RegExp(
  `\\b(?:\\d{1,2} (?:${MONTHS}) \\d{3,4}|(?:${MONTHS}) \\d{1,2}, \\d{3,4}|(?:${MONTHS}) \\d{3,4}|\\d{3,4})\\b`,
  'g',
);
const NUMBER = /\b\d[\d,.]*(?:\s(?:million|billion|thousand|hundred))?\b/g;
const NAME =
  /\b(?:[A-Z][\p{L}'’.-]*|of|the|de|van|von|and|&)(?:\s+(?:[A-Z][\p{L}'’.-]*|of|the|de|van|von|&))*\b/gu;

/**
 * The two options of "…, A or B?" / "… the A or the B?": B runs to the end, A is the run of
 * capitalised words (with "of", "the", "and", "&", digits) just before "or".
 */
export function comparisonOptions(question: string): [string, string] | null {
  const m = /^(.*)\s+or\s+([^?]+?)\s*\?*\s*$/.exec(question.trim());
  if (!m) return null;
  const right = m[2]!.replace(/^the\s+/i, '').trim();
  const before = m[1]!.split(',').at(-1)!.trim().split(/\s+/);
  const left: string[] = [];
  for (let i = before.length - 1; i >= 0; i--) {
    const w = before[i]!;
    if (/^[\p{Lu}\d"'“(]/u.test(w) || (/^(of|the|and|&|de|for|von|van)$/i.test(w) && left.length > 0))
      left.unshift(w);
    else break;
  }
  while (left.length > 0 && /^(of|the|and|&|for)$/i.test(left[0]!)) left.shift();
  if (left.length === 0 || right === '') return null;
  return [left.join(' '), right];
}

/** What kind of span the question wants. */
export function expectedAnswer(question: string): { expected: Expected; options: string[] } {
  const q = question.trim();
  const lower = q.toLowerCase();
  const options = comparisonOptions(q);
  if (options && /^(which|who|what|whose)\b/i.test(q)) return { expected: 'option', options };
  if (/^(is|are|was|were|do|does|did|can|could|has|have|had)\b/i.test(q))
    return { expected: 'yesno', options: [] };
  if (/\b(when|what year|which year|what date|in what year)\b/.test(lower))
    return { expected: 'year', options: [] };
  if (/\bhow (many|much|long|old|tall|far|big)\b/.test(lower)) return { expected: 'number', options: [] };
  if (/^(who|whom|whose)\b/.test(lower) || /\bwho\b/.test(lower)) return { expected: 'name', options: [] };
  if (/^(which|what)\b/.test(lower)) return { expected: 'name', options: [] };
  return { expected: 'phrase', options: [] };
}

interface Sentence {
  text: string;
  passage: Passage;
  score: number;
}

/** What an answer sentence must be about. */
export interface ExtractionConstraints {
  /** Known subjects of the question: each needs a sentence naming it or a passage about it. */
  subjects?: { names: string[]; entityId?: number }[];
  /** Stems of the words saying what is asked; an answer sentence must contain one. */
  focus?: string[];
}

/** The best answer span, or null when no passage supports one. */
export function extractAnswer(
  question: string,
  passages: Passage[],
  constraints: ExtractionConstraints = {},
): ExtractedAnswer | null {
  if (passages.length === 0) return null;
  const { expected, options } = expectedAnswer(question);
  const qStems = new Set(
    tokenize(question)
      .filter((t) => !FUNCTION_WORDS.has(t))
      .map(stem),
  );
  if (qStems.size === 0) return null;
  const focus = new Set(constraints.focus ?? []);
  const subjects = constraints.subjects ?? [];
  const eligible = (s: Sentence): boolean => {
    const words = new Set(tokenize(s.text).map(stem));
    if (focus.size > 0 && ![...focus].some((f) => words.has(f))) return false;
    const text = ` ${normalizeText(s.text)} `;
    const title = normalizeText(s.passage.resource.title ?? '');
    return subjects.every(
      (subject) =>
        (subject.entityId !== undefined && s.passage.entityId === subject.entityId) ||
        subject.names.some((n) => {
          const norm = normalizeText(n);
          return norm !== '' && (title === norm || text.includes(` ${norm} `));
        }),
    );
  };
  const sentences = rankSentences(passages, qStems).filter(eligible);
  const top = sentences.slice(0, 6);
  if (top.length === 0 || top[0]!.score <= 0) return null;
  const questionNorm = normalizeText(question);

  if (expected === 'option') return chooseOption(question, options, sentences);
  if (expected === 'yesno') return { text: 'yes', passage: top[0]!.passage, score: top[0]!.score };

  let best: ExtractedAnswer | null = null;
  for (const [rank, sentence] of top.entries()) {
    for (const { text: candidate } of candidates(sentence.text, expected)) {
      const norm = normalizeText(candidate);
      if (!norm || questionNorm.includes(norm)) continue;
      const words = tokenize(candidate).filter((t) => !FUNCTION_WORDS.has(t));
      if (words.length === 0 || words.every((w) => qStems.has(stem(w)))) continue;
      // The earliest candidate of the best sentence wins ties (proximity weighting measured worse).
      const score = sentence.score / (1 + rank * 0.35);
      if (!best || score > best.score) best = { text: candidate.trim(), passage: sentence.passage, score };
    }
  }
  return best;
}

function rankSentences(passages: Passage[], qStems: Set<string>): Sentence[] {
  const docFreq = new Map<string, number>();
  const split = passages.map((p) =>
    splitSentences(p.text).map((text) => ({ text, stems: new Set(tokenize(text).map(stem)) })),
  );
  for (const sentences of split)
    for (const s of sentences) for (const t of s.stems) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
  const total = split.reduce((n, s) => n + s.length, 0) || 1;
  const out: Sentence[] = [];
  split.forEach((sentences, i) => {
    const passage = passages[i]!;
    const title = new Set(tokenize(passage.resource.title ?? '').map(stem));
    for (const s of sentences) {
      let score = 0;
      for (const q of qStems) {
        if (s.stems.has(q) || title.has(q)) score += Math.log(1 + total / (docFreq.get(q) ?? 1));
      }
      out.push({ text: s.text, passage, score: score * (0.6 + 0.4 * passage.score) });
    }
  });
  return out.sort((a, b) => b.score - a.score);
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"“])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function candidates(sentence: string, expected: Expected): { text: string; index: number }[] {
  const all = (re: RegExp): { text: string; index: number }[] =>
    [...sentence.matchAll(re)].map((m) => ({ text: m[0], index: m.index }));
  switch (expected) {
    case 'year':
      return all(DATE);
    case 'number':
      return all(NUMBER);
    case 'name':
    case 'phrase':
      return all(NAME)
        .map((n) => ({
          ...n,
          text: n.text
            .replace(/^(?:of|the|de|van|von|and|&)\s+/i, '')
            .replace(/\s+(?:of|the|de|van|von|and|&)$/i, ''),
        }))
        .filter((n) => /^[A-Z]/.test(n.text) && n.text.length > 1);
    default:
      return [];
  }
}

/** "Which was first, A or B?": the option the best sentences favour (earliest/latest year when asked). */
function chooseOption(question: string, options: string[], sentences: Sentence[]): ExtractedAnswer | null {
  const lower = question.toLowerCase();
  const wantsEarliest = /\b(first|earlier|earliest|older|oldest|before)\b/.test(lower);
  const wantsLatest = /\b(later|latest|younger|youngest|newer|more recent|most recent|last)\b/.test(lower);
  const scored = options.map((option) => {
    const norm = normalizeText(option);
    const mentioning = sentences.filter(
      (s) => normalizeText(s.text).includes(norm) || normalizeText(s.passage.resource.title ?? '') === norm,
    );
    const years = mentioning.flatMap((s) =>
      [...s.text.matchAll(/\b(1[0-9]{3}|20[0-9]{2})\b/g)].map((m) => Number(m[1])),
    );
    return { option, mentioning, year: years.length > 0 ? Math.min(...years) : null };
  });
  const present = scored.filter((s) => s.mentioning.length > 0);
  if (present.length === 0) return null;
  let chosen = present[0]!;
  if ((wantsEarliest || wantsLatest) && present.every((p) => p.year !== null)) {
    chosen = present.reduce((a, b) => ((wantsEarliest ? a.year! <= b.year! : a.year! >= b.year!) ? a : b));
  } else {
    chosen = present.reduce((a, b) => (a.mentioning[0]!.score >= b.mentioning[0]!.score ? a : b));
  }
  const support = chosen.mentioning[0]!;
  return { text: chosen.option, passage: support.passage, score: support.score };
}
