/**
 * Splits resource text into chunks for full-text and vector search: paragraphs first, then
 * sentences, so a chunk rarely cuts a sentence. Deterministic, so re-importing the same text
 * yields the same chunks.
 */
export function chunkText(text: string, maxChars = 1000): string[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
  const chunks: string[] = [];
  let current = '';
  const push = (piece: string) => {
    if (current === '') current = piece;
    else if (current.length + 1 + piece.length <= maxChars) current = `${current} ${piece}`;
    else {
      chunks.push(current);
      current = piece;
    }
  };
  for (const paragraph of paragraphs) {
    if (paragraph.length <= maxChars) {
      push(paragraph);
      continue;
    }
    for (const sentence of paragraph.split(/(?<=[.!?])\s+/)) {
      if (sentence.length <= maxChars) {
        push(sentence);
        continue;
      }
      for (let i = 0; i < sentence.length; i += maxChars) push(sentence.slice(i, i + maxChars));
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
