/** Inline pieces of a paragraph, heading or list item. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

/** Block structure of a markdown document (the subset answers use). */
export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; inlines: Inline[] }
  | { kind: 'code'; language: string; text: string }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'quote'; inlines: Inline[] };

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

/** Parses inline markdown: `code`, **strong**, *em* / _em_, [links](url) with safe schemes only. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ kind: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const code = /^`([^`]+)`/.exec(rest);
    const strong = /^\*\*([^*]+?)\*\*/.exec(rest) ?? /^__([^_]+?)__/.exec(rest);
    const em = /^\*([^*\s][^*]*?)\*/.exec(rest) ?? /^_([^_\s][^_]*?)_(?![A-Za-z0-9])/.exec(rest);
    const link = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest);
    if (code) {
      flush();
      out.push({ kind: 'code', text: code[1]! });
      i += code[0].length;
    } else if (strong) {
      flush();
      out.push({ kind: 'strong', children: parseInline(strong[1]!) });
      i += strong[0].length;
    } else if (em && (i === 0 || !/[A-Za-z0-9]/.test(text[i - 1]!))) {
      flush();
      out.push({ kind: 'em', children: parseInline(em[1]!) });
      i += em[0].length;
    } else if (link) {
      flush();
      const href = link[2]!;
      if (SAFE_HREF.test(href)) out.push({ kind: 'link', href, children: parseInline(link[1]!) });
      else out.push({ kind: 'text', text: link[1]! });
      i += link[0].length;
    } else {
      buffer += text[i];
      i += 1;
    }
  }
  flush();
  return out;
}

/**
 * Parses the markdown subset answers use: ATX headings, fenced code (also while still open,
 * so a streaming answer renders its code block as it arrives), lists, quotes, paragraphs.
 */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', inlines: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^\s*(```|~~~)\s*([\w+-]*)\s*$/.exec(line);
    if (fence) {
      endParagraph();
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) {
        body.push(lines[i]!);
        i += 1;
      }
      blocks.push({ kind: 'code', language: fence[2]!.toLowerCase(), text: body.join('\n') });
      i += 1;
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      endParagraph();
      const level = heading[1]!.length as 1 | 2 | 3 | 4;
      blocks.push({ kind: 'heading', level, inlines: parseInline(heading[2]!.trim()) });
      i += 1;
      continue;
    }
    const item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      endParagraph();
      const ordered = /\d/.test(item[1]!);
      const items: Inline[][] = [];
      while (i < lines.length) {
        const next = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(lines[i]!);
        if (!next || /\d/.test(next[1]!) !== ordered) break;
        items.push(parseInline(next[2]!));
        i += 1;
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    const quote = /^>\s?(.*)$/.exec(line);
    if (quote) {
      endParagraph();
      blocks.push({ kind: 'quote', inlines: parseInline(quote[1]!) });
      i += 1;
      continue;
    }
    if (line.trim() === '') endParagraph();
    else paragraph.push(line.trim());
    i += 1;
  }
  endParagraph();
  return blocks;
}
