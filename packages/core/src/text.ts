/**
 * Text normalisation shared by alias matching in the store (SQL side stores the same form)
 * and the entity-identification node (in-memory dictionary), so both agree on what matches.
 */

/** Lower-case, strip accents (NFKD + combining marks), fold punctuation to spaces, squeeze spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Words of a normalised text (split on spaces). */
export function tokenize(text: string): string[] {
  const n = normalizeText(text);
  return n === '' ? [] : n.split(' ');
}
