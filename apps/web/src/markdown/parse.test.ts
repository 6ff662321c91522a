import { describe, expect, it } from 'vitest';
import { highlight } from './highlight';
import { parseInline, parseMarkdown } from './parse';

describe('parseMarkdown', () => {
  it('parses headings, lists, quotes, paragraphs and fenced code', () => {
    const blocks = parseMarkdown(
      '# Title\n\nSome *text* here.\n\n- one\n- two\n\n> quoted\n\n```ts\nconst a = 1;\n```',
    );
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'quote', 'code']);
    expect(blocks[4]).toEqual({ kind: 'code', language: 'ts', text: 'const a = 1;' });
  });

  it('renders a code fence that is still open (mid-stream)', () => {
    const blocks = parseMarkdown('Look:\n```py\nprint(1)');
    expect(blocks[1]).toEqual({ kind: 'code', language: 'py', text: 'print(1)' });
  });

  it('keeps only safe link targets', () => {
    expect(parseInline('[ok](https://example.org)')[0]).toMatchObject({
      kind: 'link',
      href: 'https://example.org',
    });
    expect(parseInline('[bad](javascript:alert(1))')[0]).toEqual({ kind: 'text', text: 'bad' });
  });

  it('parses inline code, strong and emphasis, nesting emphasis inside strong', () => {
    expect(parseInline('Use `a*b*` and **bold _and em_** or __also bold__.')).toEqual([
      { kind: 'text', text: 'Use ' },
      { kind: 'code', text: 'a*b*' },
      { kind: 'text', text: ' and ' },
      {
        kind: 'strong',
        children: [
          { kind: 'text', text: 'bold ' },
          { kind: 'em', children: [{ kind: 'text', text: 'and em' }] },
        ],
      },
      { kind: 'text', text: ' or ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'also bold' }] },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps ordered and unordered lists apart and joins wrapped paragraph lines', () => {
    const blocks = parseMarkdown('1. first\n2) second\n- other\r\n\nline one\r\nline two\n#### Small');
    expect(blocks).toEqual([
      {
        kind: 'list',
        ordered: true,
        items: [[{ kind: 'text', text: 'first' }], [{ kind: 'text', text: 'second' }]],
      },
      { kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'other' }]] },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'line one line two' }] },
      { kind: 'heading', level: 4, inlines: [{ kind: 'text', text: 'Small' }] },
    ]);
  });

  it('accepts ~~~ fences and lower-cases their language', () => {
    expect(parseMarkdown('~~~SQL\nSELECT 1;\n~~~\nafter')).toEqual([
      { kind: 'code', language: 'sql', text: 'SELECT 1;' },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'after' }] },
    ]);
  });

  it('does not treat snake_case words as emphasis', () => {
    expect(parseInline('orbital_period_days value')).toEqual([
      { kind: 'text', text: 'orbital_period_days value' },
    ]);
  });
});

describe('highlight', () => {
  it('classifies keywords, strings, numbers and comments', () => {
    const kinds = highlight('const x = "a"; // note\nreturn 42', 'ts')
      .filter((t) => t.kind !== 'plain')
      .map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toEqual(['keyword:const', 'string:"a"', 'comment:// note', 'keyword:return', 'number:42']);
  });

  it('uses # comments for Python and keeps all text', () => {
    const code = 'def f():  # hi\n    return None';
    const tokens = highlight(code, 'python');
    expect(tokens.map((t) => t.text).join('')).toBe(code);
    expect(tokens.find((t) => t.kind === 'comment')?.text).toBe('# hi');
  });
});
