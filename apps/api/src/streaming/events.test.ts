import { describe, expect, it } from 'vitest';
import { isTerminal, resumeSeq, type StreamEvent } from './events';

const history: StreamEvent[] = [
  { kind: 'control', seq: 1, type: 'THINKING', detail: null },
  { kind: 'token', seq: 2, content: 'Par', index: 0 },
  { kind: 'token', seq: 3, content: 'is', index: 1 },
  { kind: 'metadata', seq: 4, tokenCount: 2, modelName: 'm', promptTokens: 3 },
  { kind: 'control', seq: 5, type: 'COMPLETE', detail: null },
];

describe('stream events', () => {
  it('resumes after the seq of the last token received', () => {
    expect(resumeSeq(history, null)).toBe(0);
    expect(resumeSeq(history, 0)).toBe(2);
    expect(resumeSeq(history, 1)).toBe(3);
    expect(resumeSeq(history, 7)).toBe(3);
  });

  it('knows which events end a stream', () => {
    expect(history.filter(isTerminal).map((e) => e.seq)).toEqual([5]);
  });
});
