/**
 * Splits resource text into overlapping chunks of about `maxTokens` words, preferring to end a
 * chunk at a sentence boundary, so each chunk fits an embedding context and a fact cut at a
 * boundary still appears whole in the next chunk (the overlap).
 */
/** One chunk of a text, from {@link chunkText}. */
export interface TextChunk {
  /** Position of the chunk, from 0. */
  index: number;
  /** The chunk, cut from the original text (inner whitespace kept). */
  text: string;
  /** Character offsets in the original text. */
  start: number;
  end: number;
}

/** Options of {@link chunkText}. */
export interface ChunkOptions {
  /** Words per chunk (default 200). */
  maxTokens?: number;
  /** Words shared by consecutive chunks (default 40; less than maxTokens). */
  overlap?: number;
}

/**
 * Splits `text` into chunks of at most `maxTokens` words, consecutive chunks sharing about
 * `overlap` words; a chunk ends at a sentence end when one falls in the last quarter of its window.
 * Words are runs of non-whitespace; an empty or blank text gives no chunks.
 * @throws RangeError when `maxTokens` is not a positive integer or `overlap` is not in [0, maxTokens).
 * @example
 * ```ts
 * chunkText('a b c d e', { maxTokens: 3, overlap: 1 }).map((c) => c.text); // ['a b c', 'c d e']
 * ```
 */
export function chunkText(text: string, options: ChunkOptions = {}): TextChunk[] {
  const maxTokens = options.maxTokens ?? 200;
  const overlap = options.overlap ?? 40;
  if (!Number.isInteger(maxTokens) || maxTokens < 1)
    throw new RangeError('maxTokens must be a positive integer');
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= maxTokens) {
    throw new RangeError('overlap must be an integer in [0, maxTokens)');
  }
  const words: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/\S+/g)) words.push({ start: m.index, end: m.index + m[0].length });
  if (words.length === 0) return [];
  const chunks: TextChunk[] = [];
  let first = 0;
  for (;;) {
    let last = Math.min(words.length, first + maxTokens) - 1;
    if (last < words.length - 1) {
      // Prefer a sentence end in the last quarter of the window (but keep progress > overlap).
      const floor = Math.max(first + overlap + 1, last - Math.floor(maxTokens / 4));
      for (let i = last; i >= floor; i--) {
        const w = words[i];
        if (w && /[.!?]["')\]]?$/.test(text.slice(w.start, w.end))) {
          last = i;
          break;
        }
      }
    }
    const a = words[first];
    const b = words[last];
    if (!a || !b) break;
    chunks.push({ index: chunks.length, text: text.slice(a.start, b.end), start: a.start, end: b.end });
    if (last >= words.length - 1) break;
    first = Math.max(first + 1, last + 1 - overlap);
  }
  return chunks;
}
