// Finds the runnable examples in Markdown: a ```ts (or ```typescript) fence directly preceded by
// the marker line `<!-- runnable -->` (blank lines between are allowed). scripts/check-docs.mjs
// runs each one with tsx, so documentation that drifts from the code fails CI.

/** The marker that opts a code block into execution. */
export const MARKER = '<!-- runnable -->';

/**
 * @param {string} markdown
 * @returns {{line: number, code: string}[]} line: 1-based line of the opening fence
 */
export function extractRunnable(markdown) {
  const lines = markdown.split(/\r?\n/);
  /** @type {{line: number, code: string}[]} */
  const examples = [];
  let armed = false;
  for (let i = 0; i < lines.length; i += 1) {
    const line = /** @type {string} */ (lines[i]);
    if (line.trim() === MARKER) {
      armed = true;
      continue;
    }
    const fence = /^(\s*)(`{3,}|~{3,})\s*(\w+)?/.exec(line);
    if (fence) {
      const [, indent = '', ticks = '```', lang = ''] = fence;
      const body = [];
      let j = i + 1;
      while (j < lines.length && !(/** @type {string} */ (lines[j]).trim().startsWith(ticks))) {
        body.push(
          /** @type {string} */ (lines[j]).startsWith(indent)
            ? /** @type {string} */ (lines[j]).slice(indent.length)
            : lines[j],
        );
        j += 1;
      }
      if (armed && (lang === 'ts' || lang === 'typescript'))
        examples.push({ line: i + 1, code: `${body.join('\n')}\n` });
      armed = false;
      i = j;
      continue;
    }
    if (line.trim() !== '') armed = false;
  }
  return examples;
}
