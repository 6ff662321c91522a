import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MemoryStorage,
  stubDisabledSessionStorage,
  stubSessionStorage,
} from '../../test/support/session-storage';
import { applyStreamEvent, initialStreamState, streamText, type StreamState } from './stream-state';
import {
  clearStreamState,
  followStream,
  hasUnfinishedStream,
  loadStreamState,
  saveStreamState,
} from './stream-storage';

/** A stream that received `words` as tokens 0, 1, 2, ... */
const streamed = (...words: string[]): StreamState =>
  words.reduce(
    (state, content, index) =>
      applyStreamEvent(state, { __typename: 'TokenEvent', content, index, seq: index }),
    initialStreamState(),
  );

afterEach(() => vi.unstubAllGlobals());

describe('stream storage', () => {
  it('restores the tokens seen before a reload, ready to resume after the last one', () => {
    stubSessionStorage();
    saveStreamState('m1', streamed('Mars ', 'is ', 'red'));
    const restored = loadStreamState('m1');
    expect(streamText(restored)).toBe('Mars is red');
    expect(restored.lastIndex).toBe(2);
    expect(restored.phase).toBe('connecting');
  });

  it('keeps each message separate and starts afresh for one never seen', () => {
    stubSessionStorage();
    saveStreamState('m1', streamed('one'));
    expect(loadStreamState('m2')).toEqual(initialStreamState());
    expect(hasUnfinishedStream('m2')).toBe(false);
    expect(hasUnfinishedStream('m1')).toBe(true);
  });

  it('forgets a finished stream', () => {
    stubSessionStorage();
    saveStreamState('m1', streamed('done'));
    clearStreamState('m1');
    expect(hasUnfinishedStream('m1')).toBe(false);
    expect(loadStreamState('m1')).toEqual(initialStreamState());
  });

  it('marks a reply just asked for as followed from the start', () => {
    stubSessionStorage();
    followStream('m3');
    expect(hasUnfinishedStream('m3')).toBe(true);
    expect(loadStreamState('m3')).toEqual(initialStreamState());
  });

  it('starts afresh when the saved entry is corrupt', () => {
    const storage = stubSessionStorage();
    saveStreamState('m1', streamed('x'));
    storage.setItem(storage.key(0)!, '{not json');
    expect(loadStreamState('m1')).toEqual(initialStreamState());
  });

  it('degrades to replaying from the start when storage is disabled', () => {
    stubDisabledSessionStorage();
    expect(() => saveStreamState('m1', streamed('x'))).not.toThrow();
    expect(() => clearStreamState('m1')).not.toThrow();
    expect(() => followStream('m1')).not.toThrow();
    expect(loadStreamState('m1')).toEqual(initialStreamState());
    expect(hasUnfinishedStream('m1')).toBe(false);
  });

  it('keeps working when the storage is full', () => {
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    stubSessionStorage(full);
    expect(() => saveStreamState('m1', streamed('x'))).not.toThrow();
    expect(hasUnfinishedStream('m1')).toBe(false);
  });
});
