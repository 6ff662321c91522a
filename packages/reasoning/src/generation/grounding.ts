/**
 * Verifies that a language model's phrasing adds no facts: every number and every capitalised
 * name it writes must appear in the grounded facts (or the question).
 */
import { normalizeText } from '@rustygpt/core';
import { FUNCTION_WORDS } from '../lexicon/function-words';

/** Numbers and names in `text` that the `sources` do not contain (empty: grounded). */
export function ungroundedTerms(text: string, sources: string[]): string[] {
  const haystack = ` ${normalizeText(sources.join(' '))} `;
  const numbers = new Set(sources.join(' ').match(/\d+(?:[.,]\d+)*/g) ?? []);
  const problems: string[] = [];
  for (const n of text.match(/\d+(?:[.,]\d+)*/g) ?? []) {
    const trimmed = n.replace(/[.,]$/, '');
    if (!numbers.has(trimmed) && !haystack.includes(` ${normalizeText(trimmed)} `)) problems.push(trimmed);
  }
  const sentences = text.split(/(?<=[.!?:])\s+/);
  for (const sentence of sentences) {
    const words = sentence.split(/\s+/).filter(Boolean);
    words.forEach((raw, i) => {
      const word = raw.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
      if (i === 0 || !/^\p{Lu}/u.test(word)) return;
      const norm = normalizeText(word);
      if (!norm || FUNCTION_WORDS.has(norm)) return;
      if (!haystack.includes(` ${norm} `)) problems.push(word);
    });
  }
  return [...new Set(problems)];
}
