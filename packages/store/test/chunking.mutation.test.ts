/**
 * Tests written from mutants that survived mutation testing (docs/QUALITY.md): each pins a chunk
 * boundary that the other tests let move unnoticed — where paragraphs and sentences end, and what
 * exactly fits in `maxChars`.
 */
import { describe, expect, it } from 'vitest';
import { chunkText } from '../src/chunking';

describe('chunkText boundaries (from surviving mutants)', () => {
  it('ignores blank paragraphs at either end, adding no stray space', () => {
    expect(chunkText('Alpha.\n\n   \n')).toEqual(['Alpha.']);
    expect(chunkText('\n\nAlpha.\n\n\n\nBeta.\n\n')).toEqual(['Alpha. Beta.']);
  });

  it('ends a paragraph at a blank line, even one holding spaces, without sentence punctuation', () => {
    // a heading has no full stop: only the blank line separates it from the body
    expect(chunkText('Heading\n\nbody text', 12)).toEqual(['Heading', 'body text']);
    expect(chunkText('Heading\n \t \nbody text', 12)).toEqual(['Heading', 'body text']);
    // a single line break is not a paragraph break: the lines run on in one chunk
    expect(chunkText('Heading\nbody', 12)).toEqual(['Heading body']);
  });

  it('joins pieces whose total with the joining space is exactly the limit, and no more', () => {
    expect(chunkText('aaaa\n\nbbbb', 9)).toEqual(['aaaa bbbb']);
    expect(chunkText('aaaa\n\nbbbb', 8)).toEqual(['aaaa', 'bbbb']);
    expect(chunkText('aaaa\n\nbbbb', 7)).toEqual(['aaaa', 'bbbb']);
  });

  it('keeps a paragraph that fits, up to exactly the limit, whole in one chunk', () => {
    // splitting "bb. cc." would let "bb." join the previous chunk
    expect(chunkText('a.\n\nbb. cc.', 7)).toEqual(['a.', 'bb. cc.']);
    expect(chunkText('aaaa.\n\nbb. cc.', 10)).toEqual(['aaaa.', 'bb. cc.']);
  });

  it('splits a long paragraph after full stops, exclamation and question marks only', () => {
    expect(chunkText('aaa bbb. ccc ddd! eee fff? ggg', 10)).toEqual([
      'aaa bbb.',
      'ccc ddd!',
      'eee fff?',
      'ggg',
    ]);
    // sentences of a long paragraph are packed like paragraphs
    expect(chunkText('Aa. Bb. Cc. Dd.', 8)).toEqual(['Aa. Bb.', 'Cc. Dd.']);
  });
});
