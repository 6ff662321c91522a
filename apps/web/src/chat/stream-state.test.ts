import { describe, expect, it } from 'vitest';
import {
  applyStreamEvent,
  initialStreamState,
  isTerminal,
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
const control = (
  type: 'THINKING' | 'COMPLETE' | 'INTERRUPTED' | 'ERROR' | 'MODEL_SWITCH',
  detail?: string | null,
): StreamEvent => ({
  __typename: 'ControlEvent',
  type,
  detail,
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

  it('stays streaming when a late THINKING arrives after the first token', () => {
    const state = fold([token(0, 'a'), control('THINKING')]);
    expect(state.phase).toBe('streaming');
  });

  it('ends in error with the ERROR detail as code when no ErrorEvent explained it', () => {
    expect(fold([control('ERROR', 'MODEL_CRASHED')]).error).toEqual({
      code: 'MODEL_CRASHED',
      message: '',
      retryInMs: null,
    });
    expect(fold([control('ERROR')]).error?.code).toBe('INTERNAL');
  });

  it('keeps no retry hint when the ErrorEvent gives none', () => {
    const state = fold([
      { __typename: 'ErrorEvent', code: 'INTERNAL', message: 'boom', retryInMs: null, seq: 1 },
    ]);
    expect(state.error).toEqual({ code: 'INTERNAL', message: 'boom', retryInMs: null });
  });

  it('shows the model a MODEL_SWITCH names and keeps the current one when it names none', () => {
    const switched = fold([
      { __typename: 'MetadataEvent', modelName: 'llama', tokenCount: 0, promptTokens: 0, seq: 1 },
      control('MODEL_SWITCH', 'extractive'),
    ]);
    expect(switched.model).toBe('extractive');
    expect(fold([control('MODEL_SWITCH', null)], switched).model).toBe('extractive');
    expect(switched.phase).toBe('connecting');
  });
});

describe('applyStreamEvent with events this client does not know', () => {
  it('ignores a newer event type or control type instead of breaking the stream', () => {
    const state = fold([token(0, 'a')]);
    const future = { __typename: 'CitationEvent', seq: 3 } as unknown as StreamEvent;
    const futureControl = { __typename: 'ControlEvent', type: 'PAUSED', seq: 4 } as unknown as StreamEvent;
    expect(applyStreamEvent(state, future)).toBe(state);
    expect(applyStreamEvent(state, futureControl)).toBe(state);
  });
});

describe('isTerminal', () => {
  it('is true only for the phases after which no event comes', () => {
    const phases = ['connecting', 'thinking', 'streaming', 'complete', 'interrupted', 'error'] as const;
    expect(phases.filter(isTerminal)).toEqual(['complete', 'interrupted', 'error']);
  });
});
