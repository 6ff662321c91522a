/** A classified piece of source code for syntax colouring. */
export interface CodeToken {
  kind: 'keyword' | 'string' | 'number' | 'comment' | 'plain';
  text: string;
}

const KEYWORDS: Record<string, string[]> = {
  common: ['true', 'false', 'null', 'return', 'if', 'else', 'for', 'while', 'in', 'and', 'or', 'not'],
  js: [
    'const',
    'let',
    'var',
    'function',
    'class',
    'new',
    'import',
    'export',
    'from',
    'async',
    'await',
    'type',
    'interface',
    'undefined',
    'this',
    'of',
  ],
  py: [
    'def',
    'class',
    'import',
    'from',
    'as',
    'None',
    'True',
    'False',
    'lambda',
    'with',
    'yield',
    'elif',
    'pass',
  ],
  sql: [
    'select',
    'from',
    'where',
    'join',
    'on',
    'group',
    'by',
    'order',
    'insert',
    'into',
    'values',
    'update',
    'set',
    'delete',
    'create',
    'table',
    'limit',
    'as',
  ],
  rust: ['fn', 'let', 'mut', 'struct', 'enum', 'impl', 'pub', 'use', 'match', 'mod', 'trait', 'self', 'Self'],
  sh: ['echo', 'export', 'cd', 'then', 'fi', 'do', 'done', 'case', 'esac'],
  graphql: [
    'query',
    'mutation',
    'subscription',
    'fragment',
    'on',
    'type',
    'input',
    'enum',
    'union',
    'scalar',
  ],
};

const LANGUAGE_GROUP: Record<string, string> = {
  js: 'js',
  javascript: 'js',
  ts: 'js',
  typescript: 'js',
  tsx: 'js',
  jsx: 'js',
  json: 'js',
  py: 'py',
  python: 'py',
  sql: 'sql',
  rust: 'rust',
  rs: 'rust',
  sh: 'sh',
  bash: 'sh',
  shell: 'sh',
  graphql: 'graphql',
  gql: 'graphql',
};

/** Splits code into coloured tokens with a small, language-aware scanner (no dependencies). */
export function highlight(code: string, language: string): CodeToken[] {
  const group = LANGUAGE_GROUP[language] ?? 'js';
  const keywords = new Set([...KEYWORDS.common!, ...(KEYWORDS[group] ?? [])]);
  const caseInsensitive = group === 'sql';
  const lineComment = group === 'py' || group === 'sh' ? '#' : group === 'sql' ? '--' : '//';
  const pattern = new RegExp(
    [
      `(${lineComment.replace(/[/#-]/g, '\\$&')}[^\\n]*|/\\*[\\s\\S]*?\\*/)`,
      '("(?:[^"\\\\\\n]|\\\\.)*"?|\'(?:[^\'\\\\\\n]|\\\\.)*\'?|`(?:[^`\\\\]|\\\\.)*`?)',
      '(\\b\\d+(?:\\.\\d+)?\\b)',
      '([A-Za-z_][\\w]*)',
    ].join('|'),
    'g',
  );
  const tokens: CodeToken[] = [];
  let last = 0;
  for (const match of code.matchAll(pattern)) {
    const start = match.index;
    if (start > last) tokens.push({ kind: 'plain', text: code.slice(last, start) });
    const [text, comment, string, number, word] = match;
    if (comment) tokens.push({ kind: 'comment', text });
    else if (string) tokens.push({ kind: 'string', text });
    else if (number) tokens.push({ kind: 'number', text });
    else if (word && keywords.has(caseInsensitive ? word.toLowerCase() : word))
      tokens.push({ kind: 'keyword', text });
    else tokens.push({ kind: 'plain', text });
    last = start + text.length;
  }
  if (last < code.length) tokens.push({ kind: 'plain', text: code.slice(last) });
  return tokens;
}
