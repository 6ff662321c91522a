import { describe, expect, it } from 'vitest';
import { extractRunnable } from './doc-examples.mjs';

describe('extractRunnable', () => {
  it('takes ts blocks right after the marker (blank lines allowed) and reports their line', () => {
    const md = [
      '# Title', // 1
      '<!-- runnable -->', // 2
      '', // 3
      '```ts', // 4
      "console.log('a');", // 5
      '```', // 6
      '<!-- runnable -->', // 7
      '```typescript', // 8
      'const b = 1;', // 9
      '```', // 10
    ].join('\n');
    expect(extractRunnable(md)).toEqual([
      { line: 4, code: "console.log('a');\n" },
      { line: 8, code: 'const b = 1;\n' },
    ]);
  });

  it('ignores unmarked blocks, other languages, and a marker separated by text', () => {
    const md = [
      '```ts',
      'not marked',
      '```',
      '<!-- runnable -->',
      '```bash',
      'npm test',
      '```',
      '<!-- runnable -->',
      'Some prose in between.',
      '```ts',
      'marker lost',
      '```',
    ].join('\n');
    expect(extractRunnable(md)).toEqual([]);
  });

  it('does not treat a marker inside a code block as a marker', () => {
    const md = ['```md', '<!-- runnable -->', '```', '```ts', 'x', '```'].join('\n');
    expect(extractRunnable(md)).toEqual([]);
  });

  it('strips the indentation of fences nested in list items', () => {
    const md = ['- step', '  <!-- runnable -->', '  ```ts', '  const x = 1;', '  ```'].join('\n');
    expect(extractRunnable(md)).toEqual([{ line: 3, code: 'const x = 1;\n' }]);
  });
});
