import { describe, expect, it } from 'vitest';
import { isTerminal, resumeFilter, type StreamEvent } from './events';

const history: StreamEvent[] = [
  { kind: 'control', seq: 1, type: 'THINKING', detail: null },
  { kind: 'token', seq: 2, content: 'Par', index: 0 },
  { kind: 'token', seq: 3, content: 'is', index: 1 },
  { kind: 'metadata', seq: 4, tokenCount: 2, modelName: 'm', promptTokens: 3 },
  { kind: 'control', seq: 5, type: 'COMPLETE', detail: null },
];

describe('stream events', () => {
  const resume = (after: number | null) => history.filter(resumeFilter(after)).map((e) => e.seq);

  it('resumes after the last token received', () => {
    expect(resume(null)).toEqual([1, 2, 3, 4, 5]);
    expect(resume(0)).toEqual([3, 4, 5]);
    expect(resume(1)).toEqual([4, 5]);
  });

  it('still delivers the end of a stream to a client that claims more tokens than exist', () => {
    expect(resume(7)).toEqual([4, 5]);
  });

  it('knows which events end a stream', () => {
    expect(history.filter(isTerminal).map((e) => e.seq)).toEqual([5]);
  });
});
