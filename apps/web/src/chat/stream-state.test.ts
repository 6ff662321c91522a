import { describe, expect, it } from 'vitest';
import {
  applyStreamEvent,
  initialStreamState,
  streamText,
  type StreamEvent,
  type StreamState,
} from './stream-state';

const token = (index: number, content: string): StreamEvent => ({
  __typename: 'TokenEvent',
  index,
  content,
  seq: index + 2,
});
const control = (type: 'THINKING' | 'COMPLETE' | 'INTERRUPTED' | 'ERROR'): StreamEvent => ({
  __typename: 'ControlEvent',
  type,
  seq: 0,
});
const fold = (events: StreamEvent[], from: StreamState = initialStreamState()) =>
  events.reduce(applyStreamEvent, from);

describe('applyStreamEvent', () => {
  it('goes from thinking to streaming to complete and joins tokens in index order', () => {
    const state = fold([control('THINKING'), token(0, 'Mars '), token(1, 'orbits'), control('COMPLETE')]);
    expect(state.phase).toBe('complete');
    expect(streamText(state)).toBe('Mars orbits');
    expect(state.lastIndex).toBe(1);
  });

  it('ignores tokens it already has, so a resumed stream never duplicates text', () => {
    const first = fold([token(0, 'a'), token(1, 'b')]);
    const resumed = fold([token(1, 'b'), token(2, 'c'), token(1, 'b')], first);
    expect(streamText(resumed)).toBe('abc');
    expect(resumed.lastIndex).toBe(2);
  });

  it('keeps the error code and message of an ErrorEvent', () => {
    const state = fold([
      token(0, 'x'),
      { __typename: 'ErrorEvent', code: 'UNAVAILABLE', message: 'model busy', retryInMs: 5000, seq: 9 },
      control('ERROR'),
    ]);
    expect(state.phase).toBe('error');
    expect(state.error).toEqual({ code: 'UNAVAILABLE', message: 'model busy', retryInMs: 5000 });
  });

  it('changes nothing after the stream ended', () => {
    const ended = fold([token(0, 'a'), control('INTERRUPTED')]);
    expect(fold([token(1, 'b'), control('COMPLETE')], ended)).toBe(ended);
  });

  it('records the model from metadata', () => {
    const state = fold([
      { __typename: 'MetadataEvent', modelName: 'extractive', tokenCount: 3, promptTokens: 0, seq: 5 },
    ]);
    expect(state.model).toBe('extractive');
    expect(state.tokenCount).toBe(3);
  });
});
